package org.gan4j.cli.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A benchmark workload, exactly as {@code shared/bench/torch_reference.py} defines it: the networks
 * (as gan4j config JSON, so they are built by the same plugins a config selects), the shape of a
 * real sample and the batch size. Every workload trains with Adam (lr 2e-4, betas 0.5/0.999) and
 * BCE-with-logits with real target 0.9, one discriminator step and one generator step per iteration.
 *
 * @param name          the reference's workload name
 * @param generator     generator settings as config JSON
 * @param discriminator discriminator settings as config JSON
 * @param sampleShape   one real sample's shape
 * @param batchSize     batch size
 */
record Workload(String name, String generator, String discriminator, long[] sampleShape, int batchSize) {

    static final String LOSS = "{\"type\":\"non-saturating\",\"realLabel\":0.9}";
    static final String OPTIMIZER = "{\"type\":\"adam\",\"lr\":2.0e-4,\"beta1\":0.5,\"beta2\":0.999}";

    static final List<Workload> ALL = List.of(
            mlp("mlp-seed", 32),
            mlp("mlp-wide", 256),
            dcgan("dcgan-mnist32", 1, 32, 64),
            dcgan("dcgan-celeba64", 3, 64, 128));

    /** The reference's {@code mlp_pair(100, h)}: G 100-h-2h-4h-784, D 784-4h-2h-h-1, LeakyReLU 0.2, dropout 0.3. */
    private static Workload mlp(String name, int h) {
        String g = "{\"type\":\"mlp\",\"latentSize\":100,\"hidden\":[" + h + "," + 2 * h + "," + 4 * h
                + "],\"leakySlope\":0.2,\"dropout\":0.3,\"noise\":\"normal\"}";
        String d = "{\"type\":\"mlp\",\"hidden\":[" + 4 * h + "," + 2 * h + "," + h + "],\"leakySlope\":0.2,\"dropout\":0.3}";
        return new Workload(name, g, d, new long[] {784}, 64);
    }

    /** The reference's {@code dcgan_pair(100, nc, 64, 64, size)}. */
    private static Workload dcgan(String name, int channels, int size, int batch) {
        String g = "{\"type\":\"dcgan\",\"latentSize\":100,\"ngf\":64,\"imageSize\":" + size + ",\"channels\":" + channels + "}";
        String d = "{\"type\":\"dcgan\",\"ndf\":64,\"imageSize\":" + size + ",\"channels\":" + channels + "}";
        return new Workload(name, g, d, new long[] {channels, size, size}, batch);
    }

    static Optional<Workload> named(String name) {
        return ALL.stream().filter(w -> w.name.equals(name)).findFirst();
    }

    static List<String> names() {
        return ALL.stream().map(Workload::name).toList();
    }

    boolean heavy() {
        return name.startsWith("dcgan");
    }

    @Override
    public String toString() {
        return name + " batch=" + batchSize + " sample=" + Arrays.toString(sampleShape);
    }
}
