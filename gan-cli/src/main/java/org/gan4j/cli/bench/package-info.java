/** {@code gan4j bench}: times gan4j's training iteration on the reference workloads beside PyTorch's. */
package org.gan4j.cli.bench;
