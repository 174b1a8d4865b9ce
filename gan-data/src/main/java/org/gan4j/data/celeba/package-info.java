/** The {@code celeba} dataset: its settings are registered; reading the images is not implemented yet. */
package org.gan4j.data.celeba;
