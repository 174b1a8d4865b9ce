/**
 * The built-in evaluation metric {@code mode-coverage} (the listener that evaluates a run's metrics
 * is {@code train.output.MetricsEvaluator}).
 *
 * <p>Engine-internal: not part of the plugin API and not visible to plugins; may change in any
 * release.
 */
package org.gan4j.core.metrics;
