/**
 * {@code gan4j bench}: times gan4j's training iteration on the reference workloads beside
 * PyTorch's.
 *
 * <p>Internal to the command line: not an API; may change in any release.
 */
package org.gan4j.cli.bench;
