/**
 * Optimizers (adam, rmsprop, sgd) that update a network's flat parameters in place: Adam and
 * RMSProp as JIT-compiled loops with PyTorch's update rules, SGD on ND4J's updater.
 */
package org.gan4j.core.optim;
