/**
 * The service-provider interfaces plugins compile against: the component kinds a config selects by
 * name ({@link org.gan4j.api.spi.Loss}, {@link org.gan4j.api.spi.GeneratorSpec}, ...), the network
 * contract ({@link org.gan4j.api.nn.Network}, {@link org.gan4j.api.nn.Pass}) and the plugin entry
 * point {@link org.gan4j.api.spi.GanPlugin}. Kept small; it grows only by default methods.
 */
package org.gan4j.api.spi;
