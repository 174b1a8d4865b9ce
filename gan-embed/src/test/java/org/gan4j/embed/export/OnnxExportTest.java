package org.gan4j.embed.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import onnx.Onnx;
import org.gan4j.api.Gan4jException;
import org.gan4j.api.nn.Sequential;
import org.gan4j.api.spi.Generator;
import org.gan4j.api.spi.GeneratorSpec;
import org.gan4j.api.spi.LatentNoise;
import org.gan4j.embed.BuiltInGenerators;
import org.gan4j.embed.Gan4j;
import org.gan4j.embed.TrainedGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The exported ONNX model, run by ONNX Runtime, computes what gan4j computes: for every built-in
 * generator type, 64 latents give samples within 1e-5 of gan4j's own (evaluation mode, batch norm
 * on running statistics that are not the initial 0 and 1).
 */
class OnnxExportTest {

    static final double TOLERANCE = 1e-5;
    static Gan4j gan;
    static OrtEnvironment ort;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        gan = Gan4j.create();
        ort = OrtEnvironment.getEnvironment();
    }

    @Test
    void theCasesCoverEveryBuiltInGeneratorType() {
        Set<String> covered = new LinkedHashSet<>();
        BuiltInGenerators.CASES.forEach(c -> covered.add(c.type()));
        assertThat(covered).containsExactlyInAnyOrderElementsOf(gan.registry().names(GeneratorSpec.class));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("org.gan4j.embed.BuiltInGenerators#CASES")
    void onnxRuntimeGivesGan4jsSamplesWithin1e5On64Latents(BuiltInGenerators.Case c) throws Exception {
        Generator built = BuiltInGenerators.build(gan, c, 11);
        BuiltInGenerators.archive(built, c, dir, 11);
        TrainedGenerator g = gan.load(dir);
        Path file = dir.resolve("generator.onnx");
        OnnxExport.write(g.network(), "the test generator", file);

        INDArray z = g.latents(64, 5);
        INDArray expected = g.generate(z);
        float[] actual = runOnnx(file, z);

        float[] want = expected.castTo(DataType.FLOAT).dup('c').data().asFloat();
        assertThat(actual).hasSize(want.length);
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - want[i]));
        }
        assertThat(worst).as("largest difference of %d values", want.length).isLessThanOrEqualTo(TOLERANCE);
        // not trivially equal: samples vary from latent to latent by far more than the tolerance
        // (an untrained DCGAN's last layer, N(0, 0.02), varies least: about 7e-3)
        assertThat(expected.std(0).meanNumber().doubleValue()).isGreaterThan(100 * TOLERANCE);
    }

    @Test
    void theModelStatesItsOpsetNamesItsInputAndFoldsNothingAway() throws Exception {
        BuiltInGenerators.Case c = BuiltInGenerators.CASES.get(2); // dcgan
        OnnxExport.write(BuiltInGenerators.build(gan, c, 3), "dcgan", dir.resolve("g.onnx"));
        Onnx.ModelProto model = Onnx.ModelProto.parseFrom(Files.readAllBytes(dir.resolve("g.onnx")));
        assertThat(model.getOpsetImport(0).getVersion()).isEqualTo(OnnxExport.OPSET);
        assertThat(model.getIrVersion()).isEqualTo(OnnxExport.IR_VERSION);
        assertThat(model.getGraph().getInput(0).getName()).isEqualTo("latent");
        assertThat(model.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam()).isEqualTo("batch");
        assertThat(model.getGraph().getNodeList()).extracting(Onnx.NodeProto::getOpType)
                .containsExactly("ConvTranspose", "BatchNormalization", "Relu", "ConvTranspose", "BatchNormalization", "Relu",
                        "ConvTranspose", "BatchNormalization", "Relu", "ConvTranspose", "Tanh");
        assertThat(model.getGraph().getInitializerList()).extracting(Onnx.TensorProto::getName)
                .contains("0.weight", "1.weight", "1.bias", "1.running_mean", "1.running_var", "9.weight");
    }

    @Test
    void aBatchOfAnySizeRuns() throws Exception {
        BuiltInGenerators.Case c = BuiltInGenerators.CASES.get(0);
        Generator built = BuiltInGenerators.build(gan, c, 2);
        BuiltInGenerators.archive(built, c, dir, 2);
        TrainedGenerator g = gan.load(dir);
        OnnxExport.write(g.network(), "mlp", dir.resolve("g.onnx"));
        for (int n : new int[] {1, 3}) {
            INDArray z = g.latents(n, n);
            assertThat(runOnnx(dir.resolve("g.onnx"), z)).hasSize(n * 784);
        }
    }

    @Test
    void aNetworkThatIsNotASequentialOfStandardLayersIsRefusedByName() {
        Generator custom = new Generator() {
            @Override
            public LatentNoise noise() {
                return LatentNoise.NORMAL;
            }

            @Override
            public long[] inputShape() {
                return new long[] {2};
            }

            @Override
            public long[] outputShape() {
                return new long[] {2};
            }

            @Override
            public org.gan4j.api.nn.Parameters parameters() {
                return null;
            }

            @Override
            public org.gan4j.api.nn.Pass newPass() {
                return null;
            }
        };
        assertThatThrownBy(() -> OnnxExport.write(custom, "the generator of runs/x", dir.resolve("x.onnx")))
                .isInstanceOf(Gan4jException.class)
                .hasMessageContaining("the generator of runs/x is a ")
                .hasMessageContaining("not a Sequential network of gan4j's standard layers")
                .hasMessageContaining("mlp and dcgan");
        assertThat(dir.resolve("x.onnx")).doesNotExist();

        Sequential withCustomLayer = Sequential.builder(2).dense(2).add(in -> new org.gan4j.api.nn.Layer() {
            @Override
            public long[] inputShape() {
                return in;
            }

            @Override
            public long[] outputShape() {
                return in;
            }

            @Override
            public org.gan4j.api.nn.LayerPass newPass(org.nd4j.linalg.api.rng.Random random) {
                return null;
            }
        }).build(DataType.FLOAT, 1);
        assertThatThrownBy(() -> OnnxExport.write(Generator.of(withCustomLayer, LatentNoise.NORMAL), "g", dir.resolve("y.onnx")))
                .isInstanceOf(Gan4jException.class).hasMessageContaining("layer 1 is a ");
    }

    /**
     * A conditional generator (the label embedding joined to z: mlp and infogan in [n], dcgan in
     * [n, 1, 1]) exports with a second input, {@code condition} [batch, classes]; ONNX Runtime on
     * one-hot rows gives gan4j's samples of those classes.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "{\"type\":\"mlp\",\"latentSize\":20,\"hidden\":[32],\"dropout\":0,\"condition\":\"concat\",\"embedding\":6}",
        "{\"type\":\"dcgan\",\"latentSize\":16,\"ngf\":4,\"condition\":\"concat\",\"embedding\":5}",
        "{\"type\":\"infogan\",\"latentSize\":16,\"ngf\":4,\"dense\":16,\"condition\":\"concat\",\"embedding\":5}"})
    void aConditionalGeneratorExportsWithAConditionInput(String specJson) throws Exception {
        long[] sampleShape = specJson.contains("dcgan") ? new long[] {1, 32, 32} : new long[] {1, 28, 28};
        org.gan4j.api.spi.Condition digits = org.gan4j.api.spi.Condition.classes(10);
        GeneratorSpec spec = gan.registry().jsonMapper().readValue(specJson, GeneratorSpec.class);
        Generator built = spec.build(new org.gan4j.api.spi.ModelContext(sampleShape, DataType.FLOAT, 4, digits));
        // as if trained: the initial N(0, 0.02) weights make outputs (and the label's effect) tiny
        org.nd4j.linalg.api.rng.Random rng = org.nd4j.linalg.factory.Nd4j.getRandomFactory().getNewRandomInstance(9);
        INDArray noise = org.nd4j.linalg.factory.Nd4j.create(DataType.FLOAT, built.parameters().values().shape());
        org.nd4j.linalg.factory.Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.random.impl.GaussianDistribution(noise, 0.0, 0.2), rng);
        built.parameters().values().addi(noise);
        org.gan4j.core.train.ModelArchive.write(dir.resolve("generator.zip"), "generator", built, specJson, sampleShape, 4, 4, 0, digits);
        TrainedGenerator g = gan.load(dir);
        assertThat(g.classCount()).hasValue(10);
        Path file = dir.resolve("generator.onnx");
        OnnxExport.write(g.network(), "the test generator", file);
        Onnx.ModelProto model = Onnx.ModelProto.parseFrom(Files.readAllBytes(file));
        assertThat(model.getGraph().getInputList()).extracting(Onnx.ValueInfoProto::getName).containsExactly("latent", "condition");

        INDArray z = g.latents(12, 5);
        int[] classes = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 7, 7};
        INDArray labels = g.labels(classes);
        float[] want = g.generate(z, labels, 256).castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] actual = runOnnx(file, z, labels);
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - want[i]));
        }
        assertThat(worst).isLessThanOrEqualTo(TOLERANCE);
        // the label matters: the same latents as another class give other samples
        float[] other = runOnnx(file, z, g.labels(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 0, 0}));
        double moved = 0;
        for (int i = 0; i < want.length; i++) {
            moved = Math.max(moved, Math.abs(other[i] - want[i]));
        }
        assertThat(moved).isGreaterThan(100 * TOLERANCE);
        assertThat(NpzExport.stateDict(StandardLayers.of(g.network(), "g"))).containsKey("0.weight");
    }

    /** Runs the model in ONNX Runtime on {@code z} and the condition rows {@code c}; the output, flat. */
    static float[] runOnnx(Path model, INDArray z, INDArray c) throws Exception {
        try (OrtSession session = ort.createSession(model.toString(), new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(ort, FloatBuffer.wrap(z.castTo(DataType.FLOAT).dup('c').data().asFloat()),
                     z.shape());
             OnnxTensor condition = OnnxTensor.createTensor(ort, FloatBuffer.wrap(c.castTo(DataType.FLOAT).dup('c').data().asFloat()),
                     c.shape());
             OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input, OnnxExport.CONDITION, condition))) {
            FloatBuffer out = ((OnnxTensor) result.get(OnnxExport.OUTPUT).orElseThrow()).getFloatBuffer();
            float[] values = new float[out.remaining()];
            out.get(values);
            return values;
        }
    }

    /** Runs the model in ONNX Runtime on {@code z}; the output, flat. */
    static float[] runOnnx(Path model, INDArray z) throws Exception {
        try (OrtSession session = ort.createSession(model.toString(), new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(ort, FloatBuffer.wrap(z.castTo(DataType.FLOAT).dup('c').data().asFloat()),
                     z.shape());
             OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
            FloatBuffer out = ((OnnxTensor) result.get(OnnxExport.OUTPUT).orElseThrow()).getFloatBuffer();
            float[] values = new float[out.remaining()];
            out.get(values);
            return values;
        }
    }
}
