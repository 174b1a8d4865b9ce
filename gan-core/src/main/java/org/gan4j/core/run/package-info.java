/**
 * One run from end to end, above everything else of the engine: the Guice wiring of a run ({@link
 * org.gan4j.core.run.RunModule}), preparing its directory, training, resuming and rolling back
 * ({@link org.gan4j.core.run.TrainingRun}), and sampling from a finished run ({@link
 * org.gan4j.core.run.Sampler}).
 *
 * <p>Engine-internal: not part of the plugin API and not visible to plugins; may change in any
 * release.
 */
package org.gan4j.core.run;
