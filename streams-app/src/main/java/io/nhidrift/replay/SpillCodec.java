package io.nhidrift.replay;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Comparator;

/**
 * How an {@link ExternalSorter} writes its items to a spill file and reads them back, in which order they sort,
 * and roughly how much heap one holds (for the sorter's memory budget).
 */
interface SpillCodec<T> extends Comparator<T> {

    void write(T item, DataOutputStream out) throws IOException;

    /** The next item, or null at the end of the file. */
    T read(DataInputStream in) throws IOException;

    /** Approximate heap bytes of one item while it waits in the sorter's buffer. */
    long heapBytes(T item);
}
