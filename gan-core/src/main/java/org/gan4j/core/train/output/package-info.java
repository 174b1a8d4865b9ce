/**
 * The built-in training listeners: the files a run leaves behind (manifest, CSV logs, sample grids,
 * loss curves, weights, evaluated metrics) and the progress it prints.
 */
package org.gan4j.core.train.output;
