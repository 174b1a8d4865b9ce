/**
 * Helpers and contracts for datasets: copying a batch built on the Java heap into an ND4J array
 * ({@link org.gan4j.api.data.Batches}), and {@link org.gan4j.api.data.MixtureDataset}, what a dataset
 * of Gaussian modes tells the {@code mode-coverage} metric.
 *
 * <p>Stable: part of the plugin API ({@link org.gan4j.api.Api#PACKAGES}).
 */
@Api
package org.gan4j.api.data;

import org.gan4j.api.Api;
