package org.gan4j.core.plugin;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classes a class file names, read from its constant pool without loading it: the classes it
 * uses ({@code CONSTANT_Class} entries) and every class in its field, method and generic
 * signatures (the {@code Lname;} types of its UTF-8 entries, which also hold annotation types).
 *
 * <p>Why by hand: the constant pool's layout is fixed by the JVM specification (chapter 4.4) and
 * reading class names from it takes these few lines; a bytecode library would be a dependency of
 * gan-core for one loop.
 */
final class ClassReferences {

    private static final int MAGIC = 0xCAFEBABE;
    /** A class type inside a descriptor or signature: {@code Lorg/gan4j/api/spi/Loss;} or {@code Ljava/util/List<}. */
    private static final Pattern CLASS_TYPE = Pattern.compile("L([\\p{javaJavaIdentifierPart}/$]+)[;<]");

    private ClassReferences() {
    }

    /**
     * The binary names ({@code org.gan4j.api.nn.Sequential$Builder}) of the classes a class file
     * refers to, its own name included.
     *
     * @throws IOException when {@code classFile} is not a class file
     */
    static Set<String> of(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a class file (bad magic number)");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> classNames = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF(); // Utf8: length-prefixed modified UTF-8, as readUTF reads it
                case 7 -> classNames.add(in.readUnsignedShort()); // Class
                case 8, 16, 19, 20 -> in.readUnsignedShort(); // String, MethodType, Module, Package
                case 15 -> in.skipNBytes(3); // MethodHandle
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt(); // Integer, Float, refs, NameAndType, (Invoke)Dynamic
                case 5, 6 -> { // Long, Double take two entries
                    in.readLong();
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        Set<String> names = new LinkedHashSet<>();
        for (int index : classNames) {
            String name = index < count ? utf8[index] : null;
            if (name != null && !name.startsWith("[")) {
                names.add(name.replace('/', '.'));
            }
        }
        for (String s : utf8) {
            if (s != null && s.indexOf(';') > 0) {
                Matcher m = CLASS_TYPE.matcher(s);
                while (m.find()) {
                    names.add(m.group(1).replace('/', '.'));
                }
            }
        }
        return names;
    }
}
