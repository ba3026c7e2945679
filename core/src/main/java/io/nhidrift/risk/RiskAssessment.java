package io.nhidrift.risk;

import java.util.List;

/**
 * A credential's risk: {@code score} 0..100 (the sum of the factors' points, capped at 100) and the factors
 * that contributed, largest first (a factor worth nothing is left out).
 */
public record RiskAssessment(int score, List<RiskFactor> factors) {

    public RiskAssessment {
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("risk score " + score + " is outside 0..100");
        }
        factors = List.copyOf(factors);
    }
}
