/**
 * The layer API and the built-in layers a plugin's model composes: the network contract
 * ({@link org.gan4j.api.nn.Network}, {@link org.gan4j.api.nn.Pass}), the flat parameter storage
 * ({@link org.gan4j.api.nn.Parameters}), {@link org.gan4j.api.nn.Layer} and
 * {@link org.gan4j.api.nn.LayerPass} for custom layers, {@link org.gan4j.api.nn.Sequential} and its
 * layers (dense, convolutions, batch norm, activations, dropout, reshape), and
 * {@link org.gan4j.api.nn.GradientCheck} to test a layer's backward pass. Forward and backward passes
 * are hand-written on direct ND4J operations; the kernels they run on are internal
 * ({@code org.gan4j.api.nn.kernel}).
 *
 * <p>Stable: part of the plugin API ({@link org.gan4j.api.Api#PACKAGES}).
 */
@Api
package org.gan4j.api.nn;

import org.gan4j.api.Api;
