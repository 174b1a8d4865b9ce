/** Built-in evaluation metrics ({@code mode-coverage}) and the listener that evaluates a run's metrics during training. */
package org.gan4j.core.metrics;
