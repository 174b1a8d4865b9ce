/** The {@code classifier-fid} metric: Fréchet distance, classifier score and class coverage in the feature space of a small CNN trained and cached per dataset. */
package org.gan4j.core.metrics.classifier;
