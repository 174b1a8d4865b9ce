/**
 * Optimizers (adam, rmsprop, sgd) that update a network's flat parameters in place: Adam and
 * RMSProp as JIT-compiled loops with PyTorch's update rules, SGD on ND4J's updater.
 *
 * <p>Engine-internal: not part of the plugin API and not visible to plugins; may change in any
 * release.
 */
package org.gan4j.core.optim;
