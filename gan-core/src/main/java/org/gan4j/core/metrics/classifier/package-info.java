/**
 * The {@code classifier-fid} metric: Fréchet distance, classifier score and class coverage in the
 * feature space of a small CNN trained and cached per dataset.
 *
 * <p>Engine-internal: not part of the plugin API and not visible to plugins; may change in any
 * release.
 */
package org.gan4j.core.metrics.classifier;
