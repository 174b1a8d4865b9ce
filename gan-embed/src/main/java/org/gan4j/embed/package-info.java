/**
 * gan4j from your own Java program, without the command line: {@link org.gan4j.embed.Gan4j} loads
 * the plugins, reads or builds run configs and trains; {@link org.gan4j.embed.TrainedGenerator}
 * draws samples from a trained generator (thread-safe) and interpolates between latents;
 * {@link org.gan4j.embed.export} writes a generator as ONNX or NPZ.
 *
 * <pre>{@code
 * Gan4j gan = Gan4j.create();
 * TrainedGenerator g = gan.load(Path.of("runs/quickstart"));
 * List<BufferedImage> digits = g.sampleImages(SampleRequest.of(16).withSeed(7));
 * }</pre>
 */
package org.gan4j.embed;
