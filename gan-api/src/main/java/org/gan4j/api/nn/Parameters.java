package org.gan4j.api.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.api.nn.kernel.HeapArrays;
import org.gan4j.api.nn.kernel.MemoryLimits;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * All of one network's trainable values and their gradients, each stored in one flat array, plus
 * non-trainable state such as batch-norm running statistics in a third.
 *
 * <p>Layers own named {@link Slot}s: views into these arrays shaped as the layer needs them. Keeping
 * everything flat lets an optimizer update a whole network in a handful of native operations and
 * lets a checkpoint save it as three arrays.
 *
 * <p>Build with {@link #builder()}: each layer declares its slots, then {@link Builder#build} allocates
 * the arrays once and binds every slot to its view.
 */
public final class Parameters {

    private final INDArray values;
    private final INDArray gradients;
    private final INDArray state;
    private final Map<String, Slot> slots;

    private Parameters(INDArray values, INDArray gradients, INDArray state, Map<String, Slot> slots) {
        this.values = values;
        this.gradients = gradients;
        this.state = state;
        this.slots = slots;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All trainable values, flat: the array optimizers update in place. */
    public INDArray values() {
        return values;
    }

    /** Gradients of the loss with respect to {@link #values()}, same layout. */
    public INDArray gradients() {
        return gradients;
    }

    /** Non-trainable state (e.g. batch-norm running mean and variance), flat; length 0 when there is none. */
    public INDArray state() {
        return state;
    }

    /** Number of trainable values. */
    public long size() {
        return values.length();
    }

    /** Sets every gradient to 0; call before accumulating a step's gradients. */
    public void zeroGradients() {
        if (!HeapArrays.zero(gradients)) {
            gradients.assign(0);
        }
    }

    /** The named slots in declaration order, trainable and state alike. */
    public Map<String, Slot> slots() {
        return Collections.unmodifiableMap(slots);
    }

    /** A named piece of the parameters, with views of its value and (if trainable) gradient. */
    public static final class Slot {
        private final String name;
        private final long[] shape;
        private final boolean trainable;
        private INDArray value;
        private INDArray gradient;

        private Slot(String name, long[] shape, boolean trainable) {
            this.name = name;
            this.shape = shape.clone();
            this.trainable = trainable;
        }

        public String name() {
            return name;
        }

        public long[] shape() {
            return shape.clone();
        }

        public boolean trainable() {
            return trainable;
        }

        /** The value view ({@code c} order, shaped as declared); valid after {@link Builder#build}. */
        public INDArray value() {
            requireBound();
            return value;
        }

        /** The gradient view, shaped like {@link #value()}; trainable slots only. */
        public INDArray gradient() {
            requireBound();
            if (!trainable) {
                throw new IllegalStateException("state slot '" + name + "' has no gradient");
            }
            return gradient;
        }

        long length() {
            return MemoryLimits.product(shape);
        }

        private void requireBound() {
            if (value == null) {
                throw new IllegalStateException("slot '" + name + "' is used before Parameters.Builder.build()");
            }
        }
    }

    /** Collects slots, then allocates the flat arrays once. */
    public static final class Builder {
        private final Map<String, Slot> slots = new LinkedHashMap<>();
        private boolean built;

        /** Declares a trainable slot; its value and gradient views exist after {@link #build}. */
        public Slot add(String name, long... shape) {
            return declare(name, shape, true);
        }

        /** Declares a non-trainable state slot (no gradient, not updated by optimizers). */
        public Slot addState(String name, long... shape) {
            return declare(name, shape, false);
        }

        private Slot declare(String name, long[] shape, boolean trainable) {
            if (built) {
                throw new IllegalStateException("Parameters already built");
            }
            if (slots.containsKey(name)) {
                throw new IllegalArgumentException("duplicate parameter name '" + name + "'");
            }
            for (long d : shape) {
                if (d <= 0) {
                    throw new IllegalArgumentException("parameter '" + name + "' has a non-positive dimension: " + Arrays.toString(shape));
                }
            }
            Slot slot = new Slot(name, shape, trainable);
            slots.put(name, slot);
            return slot;
        }

        /** Allocates zeroed arrays of {@code dataType} and binds every declared slot to its view. */
        public Parameters build(DataType dataType) {
            if (built) {
                throw new IllegalStateException("Parameters already built");
            }
            built = true;
            long trainable = 0;
            long stateful = 0;
            Slot largest = null;
            for (Slot s : slots.values()) {
                long n = s.length();
                if (s.trainable) {
                    trainable = MemoryLimits.sum(trainable, n);
                } else {
                    stateful = MemoryLimits.sum(stateful, n);
                }
                largest = largest == null || n > largest.length() ? s : largest;
            }
            if (largest != null) {
                // values and gradients, plus state; checked before allocating so a huge layer is refused, not an OutOfMemoryError
                long bytes = MemoryLimits.product(MemoryLimits.sum(MemoryLimits.product(2, trainable), stateful), dataType.width());
                MemoryLimits.requireNative(bytes, String.format(java.util.Locale.ROOT, "The network's %,d parameters (its largest "
                        + "piece, '%s', has the shape %s) and their gradients", trainable, largest.name, Arrays.toString(largest.shape)),
                        largest.shape);
            }
            INDArray values = Nd4j.zeros(dataType, trainable);
            INDArray gradients = Nd4j.zeros(dataType, trainable);
            INDArray state = Nd4j.zeros(dataType, stateful);
            long valueOffset = 0;
            long stateOffset = 0;
            List<Slot> ordered = new ArrayList<>(slots.values());
            for (Slot s : ordered) {
                long n = s.length();
                if (s.trainable) {
                    s.value = view(values, valueOffset, n, s.shape);
                    s.gradient = view(gradients, valueOffset, n, s.shape);
                    valueOffset += n;
                } else {
                    s.value = view(state, stateOffset, n, s.shape);
                    stateOffset += n;
                }
            }
            return new Parameters(values, gradients, state, slots);
        }

        private static INDArray view(INDArray flat, long offset, long length, long[] shape) {
            INDArray piece = flat.get(NDArrayIndex.interval(offset, offset + length));
            INDArray shaped = piece.reshape('c', shape);
            if (shaped.data() != flat.data() && !shaped.isView()) {
                throw new IllegalStateException("reshape copied instead of viewing; parameters would not be shared");
            }
            return shaped;
        }
    }
}
