/**
 * The compute layer: layers with hand-written forward and backward passes on direct ND4J
 * operations, the flat parameter storage they share, and the optimizers that update it.
 */
package org.gan4j.api.nn;
