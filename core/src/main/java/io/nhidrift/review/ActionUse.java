package io.nhidrift.review;

/** How often one action was used and when last (epoch ms). */
public record ActionUse(String action, long count, long lastUsed) {}
