/**
 * The kernels the built-in layers run on: direct OpenBLAS GEMMs ({@code Gemm}), cached native ops
 * ({@code CachedOp}), heap copies for small arrays ({@code HeapArrays}, {@code HeapCopy}),
 * convolutions by columns or dense matrices, buffer reuse, norms, the compute-thread settings and
 * the split of Java loops over those threads ({@code Parallel}).
 *
 * <p>Internal: not part of the plugin API and not shared with plugins (a plugin jar referring to
 * these classes is refused at load). Public only because the layers of {@code org.gan4j.api.nn}
 * and the engine use them; may change in any release.
 */
package org.gan4j.api.nn.kernel;
