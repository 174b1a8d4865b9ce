/**
 * Feeding a dataset to training: batches in a per-epoch shuffled order, optionally prepared on a
 * background thread.
 *
 * <p>Engine-internal: not part of the plugin API and not visible to plugins; may change in any
 * release.
 */
package org.gan4j.core.data;
