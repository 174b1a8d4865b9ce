/** Optimizers (adam, rmsprop, sgd) that update a network's flat parameters in place, on ND4J's updaters. */
package org.gan4j.core.optim;
