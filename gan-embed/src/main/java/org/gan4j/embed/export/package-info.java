/**
 * A trained generator written out for other runtimes: {@link org.gan4j.embed.export.OnnxExport}
 * (an ONNX model, latent in, sample out) and {@link org.gan4j.embed.export.NpzExport} (the weights
 * under PyTorch's parameter names). Both read the generator as a list of gan4j's standard layers
 * ({@link org.gan4j.embed.export.StandardLayers}) and refuse any other network.
 */
package org.gan4j.embed.export;
