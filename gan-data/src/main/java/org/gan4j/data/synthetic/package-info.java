/** Synthetic 2-D Gaussian mixtures ({@code ring}, {@code grid}) for fast mode-collapse experiments. */
package org.gan4j.data.synthetic;
