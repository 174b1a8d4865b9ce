/**
 * The built-in training listeners: the files a run leaves behind (manifest, CSV logs, sample grids,
 * loss curves, weights, evaluated metrics) and the progress it prints.
 *
 * <p>Engine-internal: not part of the plugin API and not visible to plugins; may change in any
 * release.
 */
package org.gan4j.core.train.output;
