/**
 * The engine of gan4j: configuration, plugin loading, the Guice wiring of runs, the trainer and its
 * outputs, metrics, comparisons and the optimizers. Plugins compile against gan-api ({@code
 * org.gan4j.api}) instead.
 *
 * <p>Engine-internal: not part of the plugin API and not visible to plugins; may change in any
 * release.
 */
package org.gan4j.core;
