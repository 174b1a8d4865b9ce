/** gan4j's core: the SPI, the compute layer, plugin loading, configuration and the trainer. */
package org.gan4j.core;
