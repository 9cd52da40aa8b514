package org.netconform.suites.wsserver;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * What a session keeps of a sequence that a server decides the length of (frames, messages): the first
 * {@code head} elements and the last {@code tail}, and the count of all. As a list it has the true size;
 * an element from the middle that was not kept reads as the placeholder. Memory is bounded by
 * {@code head + tail} elements whatever the server sends.
 */
final class KeptList<T> extends AbstractList<T> {
    private final int head;
    private final int tail;
    private final T dropped;
    private final List<T> first = new ArrayList<>();
    private final Object[] last;
    private int lastSize;
    private long count;

    KeptList(int head, int tail, T dropped) {
        this.head = head;
        this.tail = tail;
        this.dropped = dropped;
        this.last = new Object[Math.max(1, tail)];
    }

    @Override
    public boolean add(T t) {
        count++;
        if (first.size() < head) {
            first.add(t);
        } else if (tail > 0) {
            // the element at count - 1 (after the head) goes to slot (count - 1 - head) mod tail
            last[(int) ((count - 1 - head) % tail)] = t;
            lastSize = Math.min(tail, lastSize + 1);
        }
        modCount++;
        return true;
    }

    @Override
    public T get(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException(index + " of " + count);
        }
        if (index < first.size()) {
            return first.get(index);
        }
        if (count - index <= lastSize) {
            @SuppressWarnings("unchecked")
            T t = (T) last[(int) ((index - head) % tail)];
            return t;
        }
        return dropped;
    }

    @Override
    public int size() {
        return (int) Math.min(Integer.MAX_VALUE, count);
    }

    /** How many elements were not kept. */
    long droppedCount() {
        return count - first.size() - lastSize;
    }
}
