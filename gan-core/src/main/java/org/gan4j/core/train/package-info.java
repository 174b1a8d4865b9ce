/**
 * The training loop ({@link org.gan4j.core.train.Trainer}) and what it needs below the wiring of a
 * run: checkpoints, the saved-model format ({@link org.gan4j.core.train.ModelArchive}), real
 * batches, seeds, the run directory and options. The listeners that write a run's files are in
 * {@code train.output}; the Guice wiring and the commands' entry points in
 * {@code org.gan4j.core.run}.
 *
 * <p>Engine-internal: not part of the plugin API and not visible to plugins; may change in any
 * release.
 */
package org.gan4j.core.train;
