package org.gan4j.api.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Spectral normalisation (Miyato et al. 2018) of any layer with a trainable slot named
 * {@code weight} ({@link Dense}, {@link Conv2d}, a plugin's own): the wrapped layer computes with
 * {@code W / σ(W)}, {@code σ} the largest singular value of {@code W} viewed as the matrix
 * {@code M = [values / last dimension, last dimension]} (for a dense layer {@code [in, out]}, for a
 * convolution {@code [k k in, out]}: the same singular values as PyTorch's {@code [out, in k k]}).
 *
 * <p>{@code σ} is estimated by power iteration on two state vectors, {@code u} ({@code [columns]})
 * and {@code v} ({@code [rows]}): each training-mode forward does one step,
 * {@code v ← normalise(M u)}, {@code u ← normalise(Mᵀ v)}, and takes {@code σ = vᵀ M u}, as
 * PyTorch's {@code spectral_norm} does (one step per forward; one forward per update gives the
 * paper's one step per update). Evaluation-mode forwards, and training-mode forwards while
 * {@link RandomnessControl#freezeRandomness frozen}, take {@code σ = vᵀ M u} from the stored
 * vectors without a step. Gradients flow through {@code σ} with {@code u} and {@code v} held fixed,
 * as in the paper: {@code ∂σ/∂M = v uᵀ}, so with {@code G} the gradient with respect to the
 * normalised weight, {@code dL/dW = (G - ⟨G, W/σ⟩ v uᵀ) / σ}.
 *
 * <p>The parameters keep the wrapped layer's names ({@code weight}, {@code bias}, ...), followed by
 * the state slots {@code u} and {@code v}: checkpoints hold the raw weight and both vectors, so a
 * resumed run continues exactly. Each pass computes with its own copy of the normalised values (an
 * instance of the wrapped layer built from the same factory), so passes alive at once each keep the
 * {@code σ} of their own forward for their backward.
 */
public final class SpectralNorm implements Layer {

    /** PyTorch's guard against dividing by a zero norm. */
    private static final double NORM_EPSILON = 1e-12;

    private final Function<long[], Layer> factory;
    private final long[] inputShape;
    private final Layer template;
    private final Map<String, Parameters.Slot> templateSlots;
    private final long rows;
    private final long columns;
    private final List<Parameters.Slot> slots = new ArrayList<>();
    private Parameters.Slot weight;
    private Parameters.Slot u;
    private Parameters.Slot v;

    /**
     * @param inputShape the wrapped layer's input shape
     * @param factory    builds the wrapped layer for an input shape; called once here and once per pass
     */
    public SpectralNorm(long[] inputShape, Function<long[], Layer> factory) {
        this.factory = factory;
        this.inputShape = inputShape.clone();
        this.template = factory.apply(inputShape.clone());
        Parameters.Builder probe = Parameters.builder();
        template.declareParameters(probe, "");
        Parameters declared = probe.build(DataType.FLOAT);
        this.templateSlots = declared.slots();
        Parameters.Slot w = templateSlots.get("weight");
        String name = template.getClass().getSimpleName();
        if (w == null || !w.trainable()) {
            throw new IllegalArgumentException("spectral normalisation needs a layer with a trainable 'weight' slot; "
                    + name + " declares " + templateSlots.keySet());
        }
        for (Parameters.Slot s : templateSlots.values()) {
            if (!s.trainable()) {
                throw new IllegalArgumentException("spectral normalisation cannot wrap " + name + ": its state slot '" + s.name()
                        + "' would not be shared between passes");
            }
        }
        long[] shape = w.shape();
        this.columns = shape[shape.length - 1];
        this.rows = w.length() / columns;
    }

    /** The wrapped layer's description (its slots are not the network's: see {@link #weight()}). */
    public Layer wrapped() {
        return template;
    }

    @Override
    public long[] inputShape() {
        return template.inputShape();
    }

    @Override
    public long[] outputShape() {
        return template.outputShape();
    }

    /** The raw (unnormalised) weight, the trainable slot optimizers update. */
    public Parameters.Slot weight() {
        return weight;
    }

    /** The network's slot named {@code name} of the wrapped layer (e.g. {@code bias}), or null. */
    public Parameters.Slot slot(String name) {
        for (Parameters.Slot s : slots) {
            if (s.name().endsWith("." + name) || s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** The power iteration's right singular vector estimate, {@code [columns]} (state). */
    public Parameters.Slot u() {
        return u;
    }

    /** The power iteration's left singular vector estimate, {@code [rows]} (state). */
    public Parameters.Slot v() {
        return v;
    }

    @Override
    public void declareParameters(Parameters.Builder builder, String prefix) {
        slots.clear();
        for (Parameters.Slot s : templateSlots.values()) {
            Parameters.Slot mine = builder.add(prefix + s.name(), s.shape());
            slots.add(mine);
            if (s.name().equals("weight")) {
                weight = mine;
            }
        }
        u = builder.addState(prefix + "u", columns);
        v = builder.addState(prefix + "v", rows);
    }

    /**
     * The wrapped layer's own initialisation (into its private slots, then copied), then
     * {@code u = 1/sqrt(columns)} and {@code v = normalise(M u)}. {@code u} is not drawn at random
     * (PyTorch draws it) so that wrapping a layer leaves the random draws of every other layer as
     * they were: a network with spectral norm starts from the same weights as one without.
     */
    @Override
    public void initialise(Random random) {
        Parameters.Builder b = Parameters.builder();
        template.declareParameters(b, "");
        Parameters own = b.build(weight.value().dataType());
        template.initialise(random);
        int i = 0;
        for (Parameters.Slot s : own.slots().values()) {
            slots.get(i++).value().assign(s.value());
        }
        INDArray uu = u.value().assign(1 / Math.sqrt(columns));
        INDArray vv = matrix(weight.value()).mmul(uu.reshape(columns, 1)).reshape(rows);
        v.value().assign(vv.divi(Math.max(vv.norm2Number().doubleValue(), NORM_EPSILON)));
    }

    /** Whatever the wrapped layer's answer is. */
    @Override
    public Optional<String> doubleBackwardRefusal() {
        return template.doubleBackwardRefusal();
    }

    @Override
    public LayerPass newPass(Random random) {
        if (weight == null) {
            throw new IllegalStateException("SpectralNorm used before its parameters were declared");
        }
        return new SpectralNormPass(random);
    }

    private INDArray matrix(INDArray w) {
        return w.reshape('c', rows, columns);
    }

    private final class SpectralNormPass implements LayerPass {
        private final Layer inner;
        private final Parameters own;
        private final Parameters.Slot ownWeight;
        private final LayerPass pass;
        private final INDArray mainValues;
        private final INDArray mainGradients;
        private boolean frozen;
        private double sigma;
        private INDArray uu;
        private INDArray vv;

        SpectralNormPass(Random random) {
            inner = factory.apply(inputShape.clone());
            Parameters.Builder b = Parameters.builder();
            inner.declareParameters(b, "");
            own = b.build(weight.value().dataType());
            ownWeight = own.slots().get("weight");
            pass = inner.newPass(random);
            long length = own.size();
            INDArray first = slots.get(0).value();
            mainValues = flatView(first, length);
            mainGradients = flatView(slots.get(0).gradient(), length);
        }

        /** The {@code length} values from {@code firstSlotView}'s first element on, flat (slots are declared back to back). */
        private INDArray flatView(INDArray firstSlotView, long length) {
            INDArray flat = Nd4j.create(firstSlotView.data(), new long[] {length}, new long[] {1}, firstSlotView.offset(), 'c',
                    firstSlotView.dataType());
            if (!Arrays.equals(flat.shape(), new long[] {length})) {
                throw new IllegalStateException("could not view the wrapped layer's parameters");
            }
            return flat;
        }

        @Override
        public void freezeRandomness(boolean frozen) {
            this.frozen = frozen;
            pass.freezeRandomness(frozen);
        }

        @Override
        public INDArray forward(INDArray x, boolean training) {
            INDArray m = matrix(weight.value());
            if (training && !frozen) {
                INDArray nv = m.mmul(u.value().reshape(columns, 1)).reshape(rows);
                v.value().assign(nv.divi(Math.max(nv.norm2Number().doubleValue(), NORM_EPSILON)));
                INDArray nu = m.transpose().mmul(v.value().reshape(rows, 1)).reshape(columns);
                u.value().assign(nu.divi(Math.max(nu.norm2Number().doubleValue(), NORM_EPSILON)));
            }
            uu = u.value().dup();
            vv = v.value().dup();
            sigma = vv.reshape(1, rows).mmul(m).mmul(uu.reshape(columns, 1)).getDouble(0);
            own.values().assign(mainValues);
            ownWeight.value().divi(sigma);
            return pass.forward(x, training);
        }

        /** Adds the wrapped layer's parameter gradients, through {@code W / σ(W)}, into the network's. */
        private void addGradients() {
            INDArray g = ownWeight.gradient();
            double inner = g.mul(ownWeight.value()).sumNumber().doubleValue();
            INDArray dw = g.sub(vv.reshape(rows, 1).mmul(uu.reshape(1, columns)).reshape(g.shape()).muli(inner)).divi(sigma);
            g.assign(dw);
            mainGradients.addi(own.gradients());
        }

        @Override
        public INDArray backward(INDArray gradOutput, boolean parameterGradients, boolean inputGradient) {
            if (parameterGradients) {
                own.zeroGradients();
            }
            INDArray r = pass.backward(gradOutput, parameterGradients, inputGradient);
            if (parameterGradients) {
                addGradients();
            }
            return r;
        }

        @Override
        public INDArray tangentForward(INDArray inputTangent, boolean parameterGradients, boolean outputTangent) {
            if (parameterGradients) {
                own.zeroGradients();
            }
            INDArray r = pass.tangentForward(inputTangent, parameterGradients, outputTangent);
            if (parameterGradients) {
                addGradients();
            }
            return r;
        }

        @Override
        public INDArray tangentBackward(INDArray gradOutputTangent, boolean parameterGradients, boolean inputGradient) {
            if (parameterGradients) {
                own.zeroGradients();
            }
            INDArray r = pass.tangentBackward(gradOutputTangent, parameterGradients, inputGradient);
            if (parameterGradients) {
                addGradients();
            }
            return r;
        }
    }
}
