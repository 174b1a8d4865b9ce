package org.gan4j.embed.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import onnx.Onnx;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.gan4j.api.array.Shapes;
import org.gan4j.api.spi.Generator;
import org.gan4j.core.image.AtomicFiles;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.protobuf.ByteString;

/**
 * Writes a generator as an ONNX model: one input {@value #INPUT} (float, {@code [batch, latent...]},
 * the batch dimension symbolic) and one output {@value #OUTPUT} ({@code [batch, sample...]}), opset
 * {@value #OPSET}, IR version {@value #IR_VERSION}. Layers map to ONNX operators one to one:
 * Dense to {@code Gemm}, (transposed) convolutions to {@code Conv}/{@code ConvTranspose}, batch
 * norm to {@code BatchNormalization} in inference mode (on the saved running statistics, as gan4j
 * samples), activations to their namesakes, reshapes to {@code Reshape}; dropout is left out (it is
 * the identity out of training). Weights are stored as float initializers named after the layer,
 * PyTorch-style ({@code 3.weight}).
 *
 * <p>The model is built with the ONNX protobuf classes that ND4J ships ({@code onnx.Onnx} in
 * nd4j-api), so no protobuf compiler or extra dependency is needed.
 */
public final class OnnxExport {

    /** The ONNX operator set: 17, what PyTorch's exporter uses by default; ONNX Runtime 1.11 and later run it. */
    public static final int OPSET = 17;
    /** The IR version that goes with opset 17. */
    public static final int IR_VERSION = 8;
    public static final String INPUT = "latent";
    public static final String OUTPUT = "sample";
    /** The second input of a conditional generator: condition rows {@code [batch, classes]} (one-hot) or attributes. */
    public static final String CONDITION = "condition";

    private OnnxExport() {
    }

    /**
     * Writes {@code generator} to {@code file} atomically.
     *
     * @param what names the generator in a refusal, e.g. "the generator of runs/x"
     * @throws org.gan4j.api.Gan4jException (bad input) for a generator not built from gan4j's standard layers
     */
    public static void write(Generator generator, String what, Path file) {
        byte[] bytes = model(StandardLayers.of(generator, what), what).toByteArray();
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** The model of a network read as standard layers. */
    static ModelProto model(StandardLayers layers, String docString) {
        GraphProto.Builder graph = GraphProto.newBuilder().setName("gan4j-generator");
        graph.addInput(value(INPUT, layers.inputShape()));
        if (layers.conditionSize() > 0) {
            graph.addInput(value(CONDITION, new long[] {layers.conditionSize()}));
        }
        String x = INPUT;
        List<? extends StandardLayers.Step> steps = layers.steps();
        for (int i = 0; i < steps.size(); i++) {
            StandardLayers.Step step = steps.get(i);
            String y = i == steps.size() - 1 ? OUTPUT : "x" + step.index();
            if (step instanceof StandardLayers.LabelEmbedding e) {
                labelEmbedding(graph, e, x, y);
            } else {
                graph.addNode(node(graph, step, x, y));
            }
            x = y;
        }
        if (steps.isEmpty()) {
            graph.addNode(NodeProto.newBuilder().setOpType("Identity").setName("identity").addInput(INPUT).addOutput(OUTPUT));
        }
        graph.addOutput(value(OUTPUT, layers.outputShape()));
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("gan4j")
                .setProducerVersion(version())
                .setDocString(docString)
                .setGraph(graph)
                .build();
    }

    private static NodeProto node(GraphProto.Builder graph, StandardLayers.Step step, String x, String y) {
        String name = Integer.toString(step.index());
        NodeProto.Builder node = NodeProto.newBuilder().setName(name).addInput(x).addOutput(y);
        if (step instanceof StandardLayers.Linear l) {
            // Gemm(A, B, C) = A B^T + C with transB = 1: the weight stays in PyTorch's [out, in].
            node.setOpType("Gemm").addInput(initializer(graph, name + ".weight", l.weight()))
                    .addInput(initializer(graph, name + ".bias", l.bias())).addAttribute(intAttribute("transB", 1));
        } else if (step instanceof StandardLayers.Convolution c) {
            node.setOpType(c.transposed() ? "ConvTranspose" : "Conv").addInput(initializer(graph, name + ".weight", c.weight()));
            if (c.bias() != null) {
                node.addInput(initializer(graph, name + ".bias", c.bias()));
            }
            node.addAttribute(intsAttribute("kernel_shape", c.kernel(), c.kernel()))
                    .addAttribute(intsAttribute("strides", c.stride(), c.stride()))
                    .addAttribute(intsAttribute("pads", c.padding(), c.padding(), c.padding(), c.padding()));
        } else if (step instanceof StandardLayers.BatchNorm b) {
            node.setOpType("BatchNormalization")
                .addInput(initializer(graph, name + ".weight", b.gamma()))
                .addInput(initializer(graph, name + ".bias", b.beta()))
                .addInput(initializer(graph, name + ".running_mean", b.runningMean()))
                .addInput(initializer(graph, name + ".running_var", b.runningVar()))
                .addAttribute(AttributeProto.newBuilder().setName("epsilon").setType(AttributeProto.AttributeType.FLOAT)
                        .setF((float) b.epsilon()));
        } else if (step instanceof StandardLayers.Activation a) {
            node.setOpType(a.op());
            if (a.op().equals("LeakyRelu")) {
                node.addAttribute(AttributeProto.newBuilder().setName("alpha").setType(AttributeProto.AttributeType.FLOAT)
                        .setF((float) a.alpha()));
            }
        } else if (step instanceof StandardLayers.Shape s) {
            node.setOpType("Reshape").addInput(shape(graph, name + ".shape", s.shape()));
        } else if (step instanceof StandardLayers.LabelEmbedding) {
            throw new IllegalStateException("a label embedding is written by labelEmbedding");
        }
        return node.build();
    }

    /**
     * The label embedding joined to {@code x}: {@code MatMul(condition, E)}, both flattened per sample,
     * {@code Concat} along axis 1 (input first, as gan4j joins them), {@code Reshape} to the layer's output.
     */
    private static void labelEmbedding(GraphProto.Builder graph, StandardLayers.LabelEmbedding e, String x, String y) {
        String name = Integer.toString(e.index());
        String embedded = name + ".embedded";
        String flat = name + ".input_flat";
        String joined = name + ".joined";
        graph.addNode(NodeProto.newBuilder().setName(name + ".matmul").setOpType("MatMul").addInput(CONDITION)
                .addInput(initializer(graph, name + ".weight", e.embedding())).addOutput(embedded));
        graph.addNode(NodeProto.newBuilder().setName(name + ".flatten").setOpType("Reshape").addInput(x)
                .addInput(shape(graph, name + ".input_shape", new long[] {e.inputLength()})).addOutput(flat));
        graph.addNode(NodeProto.newBuilder().setName(name + ".concat").setOpType("Concat").addInput(flat).addInput(embedded)
                .addOutput(joined).addAttribute(intAttribute("axis", 1)));
        graph.addNode(NodeProto.newBuilder().setName(name).setOpType("Reshape").addInput(joined)
                .addInput(shape(graph, name + ".shape", e.outputShape())).addOutput(y));
    }

    /** Adds the INT64 target shape {@code [-1, perSample...]} of a Reshape and returns its name. */
    private static String shape(GraphProto.Builder graph, String name, long[] perSample) {
        long[] target = Shapes.withBatch(-1, perSample); // -1: the batch, whatever its size
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64.getNumber())
                .addDims(target.length).setRawData(ByteString.copyFrom(littleEndian(target))));
        return name;
    }

    /** Adds a float initializer (raw little-endian data) and returns its name. */
    private static String initializer(GraphProto.Builder graph, String name, INDArray values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber());
        for (long d : values.shape()) {
            t.addDims(d);
        }
        float[] data = values.dup('c').data().asFloat();
        ByteBuffer bytes = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(data);
        graph.addInitializer(t.setRawData(ByteString.copyFrom(bytes.array())));
        return name;
    }

    private static byte[] littleEndian(long[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return bytes.array();
    }

    /** A float tensor value {@code [batch, shape...]} with a symbolic batch dimension. */
    private static ValueInfoProto value(String name, long[] shape) {
        TensorShapeProto.Builder dims = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        for (long d : shape) {
            dims.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(dims))).build();
    }

    private static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static AttributeProto intsAttribute(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static String version() {
        String v = OnnxExport.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
