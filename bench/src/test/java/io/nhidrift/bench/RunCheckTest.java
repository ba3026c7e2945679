package io.nhidrift.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nhidrift.testing.UnitTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@UnitTest
class RunCheckTest {

    private static final Disturbance.Reading QUIET = new Disturbance.Reading(0.02, 0.01, 0.5, 1.0);

    private static Measured m(double perSecond, Disturbance.Reading d) {
        return new Measured(perSecond, (long) (perSecond * d.wallSeconds()), Map.of("JIT compiler", 0.0), d);
    }

    private static ConsumerLimit.Passes limit(double a, double b) {
        return new ConsumerLimit.Passes(m(a, QUIET), m(b, QUIET));
    }

    @Test
    void aQuietRunInTheExpectedOrderIsAccepted() {
        assertEquals(List.of(), RunCheck.reasons(m(50_000, QUIET), limit(280_000, 260_000), m(120_000, QUIET)));
    }

    @Test
    void aLimitBelowTheFloorIsRejectedAsImplausible() {
        List<String> why = RunCheck.reasons(m(50_000, QUIET), limit(100_000, 95_000), m(120_000, QUIET));
        assertEquals(1, why.size(), why.toString());
        assertTrue(why.get(0).startsWith("order: limit 100,000 records/s below the floor 120,000"), why.get(0));
    }

    @Test
    void aFloorBelowThePipelineIsRejected() {
        List<String> why = RunCheck.reasons(m(130_000, QUIET), limit(280_000, 270_000), m(120_000, QUIET));
        assertTrue(why.stream().anyMatch(w -> w.startsWith("order: floor")), why.toString());
    }

    @Test
    void otherProcessesTakingTheCpuRejectTheRunAndSaySo() {
        Disturbance.Reading loaded = new Disturbance.Reading(0.60, 0.01, 7.5, 1.0);
        List<String> why = RunCheck.reasons(m(50_000, loaded), limit(280_000, 270_000), m(120_000, QUIET));
        assertEquals(1, why.size(), why.toString());
        assertTrue(why.get(0).contains("other processes took 60 %") && why.get(0).contains("load average 7.50"), why.get(0));
    }

    @Test
    void gcPausesJitCompilationAndShortMeasurementsAreNamed() {
        Disturbance.Reading gc = new Disturbance.Reading(0.0, 0.40, 0.5, 1.0);
        Measured compiling = new Measured(50_000, 50_000, Map.of("JIT compiler", 1_000.0), QUIET); // 20 µs per record
        Disturbance.Reading brief = new Disturbance.Reading(0.0, 0.0, 0.5, 0.05);
        List<String> why = RunCheck.reasons(compiling, new ConsumerLimit.Passes(m(280_000, brief), m(270_000, QUIET)), m(120_000, gc));
        assertTrue(why.stream().anyMatch(w -> w.startsWith("JIT: still compiling, 20.0 µs")), why.toString());
        assertTrue(why.stream().anyMatch(w -> w.startsWith("GC: pauses took 40 % of the floor")), why.toString());
        assertTrue(why.stream().anyMatch(w -> w.startsWith("too few records: limit timed over")), why.toString());
    }

    @Test
    void limitPassesThatDisagreeRejectTheRun() {
        List<String> why = RunCheck.reasons(m(50_000, QUIET), limit(280_000, 120_000), m(120_000, QUIET));
        assertEquals(1, why.size(), why.toString());
        assertTrue(why.get(0).startsWith("limit passes disagree"), why.get(0));
    }

    @Test
    void theFinalLineCarriesTheMediansAsFractions() {
        Stats floor = new Stats().add(0.60).add(0.70).add(0.65);
        Stats limit = new Stats().add(0.20).add(0.22).add(0.21);
        assertEquals("ratio pipeline/floor=0.650 pipeline/limit=0.210", RatioLine.line(floor, limit));
        assertEquals("ratio pipeline/floor=n/a pipeline/limit=n/a", RatioLine.line(new Stats(), new Stats()));
    }
}
