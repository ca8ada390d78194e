package dev.resolve.audit.domain;

/** The end of the chain: the last entry's sequence (0 while empty) and hash ({@link ChainHash#GENESIS} while empty). */
public record ChainHead(long lastSequence, String lastHash) {

    public static final ChainHead EMPTY = new ChainHead(0, ChainHash.GENESIS);

    public boolean isEmpty() {
        return lastSequence == 0;
    }
}
