package io.nhidrift.risk;

/** One contribution to a credential's risk score: a factor name of the README's table, its points, and why. */
public record RiskFactor(String name, int points, String detail) {}
