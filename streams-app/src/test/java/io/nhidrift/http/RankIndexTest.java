package io.nhidrift.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nhidrift.avro.ActionUsage;
import io.nhidrift.avro.CredentialState;
import io.nhidrift.avro.Entitlement;
import io.nhidrift.config.AppConfig;
import io.nhidrift.testing.UnitTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rank index behind sorted list pages and the fleet summary: the orders {@link ListSort} documents, cursor paging
 * across a refresh, filters tested on the index, one scan per partition then none per page, a stale index served while
 * one background rebuild runs, and indexes of partitions that left dropped.
 */
@UnitTest
class RankIndexTest {

    private static final long T0 = Instant.parse("2026-07-02T10:00:00Z").toEpochMilli();
    private static final long DAY = 86_400_000L;
    private static final Duration REFRESH = Duration.ofSeconds(30);
    private static final String[] KINDS = {"aws_access_key", "k8s_service_account", "api_key"};
    private static final int CREDENTIALS = 40;

    private final AtomicLong clock = new AtomicLong(T0);
    private final FakePartitions store = new FakePartitions();
    private final QueuedExecutor rebuilds = new QueuedExecutor();
    private final CredentialReview review = new CredentialReview(AppConfig.from(Map.of()).detection(), clock::get,
            new CredentialRisk());
    private volatile List<Integer> active = List.of(0, 1);
    private LocalCredentials local;

    @BeforeEach
    void fill() {
        for (int i = 0; i < CREDENTIALS; i++) {
            put(i, i % 5 == 0 ? null : T0 - (i % 4) * DAY, i % 2 == 0 ? "cloudtrail" : "kong");
        }
        local = new LocalCredentials(() -> active, store, review, l -> new RankIndex(l::scan, REFRESH, clock::get, rebuilds));
    }

    @AfterEach
    void close() {
        local.close();
    }

    static String id(int i) {
        return String.format("cred-%02d", i);
    }

    /** Credential i in partition i % 2: ties in last use, never-used ones, uninventoried ones, several kinds and owners. */
    private void put(int i, Long lastSeen, String source) {
        String id = id(i);
        Entitlement e = i % 7 == 6 ? null : Entitlement.newBuilder().setCredentialId(id).setKind(KINDS[i % 3])
                .setOwner(i % 4 == 3 ? null : "owner-" + (char) ('a' + i % 2)).setTeam(i % 3 == 0 ? "payments" : null)
                .setGrants(List.of("s3:GetObject", "s3:List*", "ec2:*")).setDenies(List.of())
                .setAsOf(T0 - 40 * DAY).build();
        Map<String, ActionUsage> actions = new HashMap<>();
        if (lastSeen != null) {
            actions.put("s3:GetObject", ActionUsage.newBuilder().setCount(1).setFirstSeen(lastSeen).setLastSeen(lastSeen)
                    .setInScope(true).build());
            if (i % 3 == 0) {
                actions.put("s3:ListBucket", ActionUsage.newBuilder().setCount(1).setFirstSeen(lastSeen).setLastSeen(lastSeen)
                        .setInScope(true).build());
            }
        }
        CredentialState s = CredentialState.newBuilder().setCredentialId(id).setFirstSeen(lastSeen).setLastSeen(lastSeen)
                .setUseCount(actions.size()).setActions(actions)
                .setActiveConditions(i % 6 == 0 ? Map.of("OUT_OF_SCOPE_USE|iam:CreateUser", T0) : Map.of())
                .setSources(Map.of(source, T0)).build();
        store.put(i % 2, id, s, e);
    }

    /** Every credential reviewed now, as the store holds it. */
    private List<CredentialRow> rowsNow() {
        return store.all().stream().map(s -> CredentialRow.of(review.review(s))).toList();
    }

    private List<CredentialRow> expected(ListQuery q) {
        List<CredentialRow> out = new ArrayList<>(rowsNow().stream().filter(q::matches).toList());
        out.sort(Comparator.comparing(q.sort()::position, q.order()));
        return out;
    }

    /** Every page, the cursor passed on as the API passes it (encoded and decoded). */
    private List<CredentialRow> allPages(Map<String, String> params) {
        ListQuery q = ListQuery.from(params);
        List<CredentialRow> out = new ArrayList<>();
        for (int pages = 0; pages < 1000; pages++) {
            Page page = local.page(q);
            out.addAll(page.credentials());
            if (page.coveredTo() == null) {
                return out;
            }
            q = q.withAfter(q.decode(q.encode(page.coveredTo())));
        }
        throw new AssertionError("more than 1000 pages");
    }

    private static List<String> ids(List<CredentialRow> rows) {
        return rows.stream().map(CredentialRow::credentialId).toList();
    }

    @Test
    void everySortedOrderIsByValueThenIdWithMissingValuesLowest() {
        for (ListSort sort : ListSort.RANKED) {
            for (String order : new String[] {"asc", "desc"}) {
                Map<String, String> params = Map.of("sort", sort.id(), "order", order, "limit", "7");
                assertEquals(ids(expected(ListQuery.from(params))), ids(allPages(params)), sort.id() + " " + order);
            }
        }
        // the same property spelled out for lastSeen, descending (the default): newest first, ties by id, never used last
        List<CredentialRow> bySeen = allPages(Map.of("sort", "lastSeen", "limit", "7"));
        assertEquals(CREDENTIALS, bySeen.size());
        boolean ties = false;
        for (int i = 1; i < bySeen.size(); i++) {
            CredentialRow prev = bySeen.get(i - 1);
            CredentialRow cur = bySeen.get(i);
            if (cur.lastSeen() == null) {
                assertTrue(prev.lastSeen() != null || prev.credentialId().compareTo(cur.credentialId()) < 0, prev + " / " + cur);
                continue;
            }
            assertNotNull(prev.lastSeen(), "a never-used credential before a used one: " + prev + " / " + cur);
            assertTrue(prev.lastSeen() >= cur.lastSeen(), "newest first");
            if (prev.lastSeen().equals(cur.lastSeen())) {
                ties = true;
                assertTrue(prev.credentialId().compareTo(cur.credentialId()) < 0, "ties by id ascending");
            }
        }
        assertTrue(ties, "the fixture has ties");
        assertEquals(null, bySeen.get(bySeen.size() - 1).lastSeen(), "the fixture has never-used credentials, last");
        assertEquals(null, allPages(Map.of("sort", "lastSeen", "order", "asc")).get(0).lastSeen(), "missing lowest: first ascending");
    }

    @Test
    void pagingAcrossARefreshYieldsEveryCredentialOnceInOrder() {
        ListQuery q = ListQuery.from(Map.of("sort", "risk", "limit", "4"));
        List<CredentialRow> paged = new ArrayList<>();
        Page page = local.page(q);
        long firstBuild = page.rankedAt();
        paged.addAll(page.credentials());
        q = q.withAfter(page.coveredTo());
        clock.addAndGet(REFRESH.toMillis() + 1_000);
        page = local.page(q); // stale: served as is, a rebuild queued
        assertEquals(firstBuild, page.rankedAt());
        paged.addAll(page.credentials());
        q = q.withAfter(page.coveredTo());
        assertTrue(rebuilds.runAll() > 0);
        for (int pages = 0; page.coveredTo() != null && pages < 100; pages++) {
            page = local.page(q);
            assertEquals(clock.get(), page.rankedAt(), "the rebuilt indexes");
            paged.addAll(page.credentials());
            q = q.withAfter(page.coveredTo());
        }
        assertEquals(ids(expected(ListQuery.from(Map.of("sort", "risk")))), ids(paged));
        assertEquals(CREDENTIALS, new HashSet<>(ids(paged)).size(), "no duplicates");
    }

    @Test
    void filtersSelectTheSameCredentialsAsOnTheRows() {
        for (Map<String, String> filter : List.of(Map.of("kind", "k8s_service_account"), Map.of("owner", "owner-a"),
                Map.of("team", "payments"), Map.of("status", "unknown"), Map.of("hasOpenAlerts", "true"),
                Map.of("source", "kong"), Map.of("kind", "aws_access_key", "hasOpenAlerts", "false"))) {
            Map<String, String> params = new HashMap<>(filter);
            params.put("sort", "unusedShare");
            params.put("limit", "3");
            List<CredentialRow> want = expected(ListQuery.from(params));
            assertFalse(want.isEmpty(), "the fixture matches " + filter);
            assertTrue(want.size() < CREDENTIALS, "the filter " + filter + " excludes some");
            assertEquals(ids(want), ids(allPages(params)), filter.toString());
        }
    }

    @Test
    void afterTheFirstRequestPagesScanNothingAndReadAtMostLimitKeysPerPartition() {
        ListQuery q = ListQuery.from(Map.of("sort", "risk", "limit", "5"));
        Page page = local.page(q);
        assertEquals(List.of(1, 1), List.of(store.ranges(0), store.ranges(1)), "the first request: one scan per partition");
        int pages = 1;
        while (page.coveredTo() != null) {
            q = q.withAfter(page.coveredTo());
            int[] before = {store.keyReads(0), store.keyReads(1)};
            page = local.page(q);
            pages++;
            for (int p = 0; p < 2; p++) {
                assertTrue(store.keyReads(p) - before[p] <= 5, "at most limit key reads in partition " + p);
            }
        }
        assertTrue(pages >= 8, "40 credentials, 5 a page: " + pages + " pages");
        assertEquals(List.of(1, 1), List.of(store.ranges(0), store.ranges(1)), "no scan for any later page");

        // a selective filter reads only the rows it returns
        int[] before = {store.keyReads(0), store.keyReads(1)};
        Page apiKeys = local.page(ListQuery.from(Map.of("sort", "lastSeen", "kind", "api_key", "limit", "2")));
        assertEquals(2, apiKeys.rows().size());
        assertTrue(store.keyReads(0) - before[0] + store.keyReads(1) - before[1] <= 4, "two a partition at most");
        assertEquals(List.of(1, 1), List.of(store.ranges(0), store.ranges(1)));

        // the summary too: no scan, no key read
        int keys = store.keyReads(0) + store.keyReads(1);
        assertEquals(CREDENTIALS, local.summary().toJson().path("credentials").asInt());
        assertEquals(keys, store.keyReads(0) + store.keyReads(1));
        assertEquals(List.of(1, 1), List.of(store.ranges(0), store.ranges(1)));
    }

    @Test
    void theSummaryFromTheIndexesIsTheSummaryOfEveryCredential() {
        FleetSummary direct = new FleetSummary();
        rowsNow().forEach(direct::add);
        ObjectNode fromIndex = local.summary().toJson();
        assertEquals(Instant.ofEpochMilli(T0).toString(), fromIndex.path("rankedAt").asText());
        fromIndex.remove("rankedAt");
        ObjectNode want = direct.toJson();
        want.remove("rankedAt");
        assertEquals(want, fromIndex);
        assertTrue(want.path("topRisk").size() > 0 && want.path("neverUsed").asInt() > 0, want.toString());
    }

    @Test
    void aStaleIndexIsServedWhileOneRebuildPerPartitionRuns() {
        assertEquals(CREDENTIALS, local.summary().toJson().path("credentials").asInt());
        put(40, T0 + 1_000, "cloudtrail"); // partition 0, the newest use
        clock.addAndGet(REFRESH.toMillis());
        for (int i = 0; i < 3; i++) {
            JsonNode s = local.summary().toJson();
            assertEquals(CREDENTIALS, s.path("credentials").asInt(), "the stale index, served at once");
            assertEquals(Instant.ofEpochMilli(T0).toString(), s.path("rankedAt").asText());
            local.page(ListQuery.from(Map.of("sort", "risk")));
        }
        assertEquals(2, rebuilds.queued(), "one rebuild per stale partition, however many requests");
        assertEquals(List.of(1, 1), List.of(store.ranges(0), store.ranges(1)), "no request scanned");
        rebuilds.runAll();
        assertEquals(List.of(2, 2), List.of(store.ranges(0), store.ranges(1)));
        JsonNode s = local.summary().toJson();
        assertEquals(CREDENTIALS + 1, s.path("credentials").asInt());
        assertEquals(Instant.ofEpochMilli(clock.get()).toString(), s.path("rankedAt").asText());
        assertEquals(id(40), allPages(Map.of("sort", "lastSeen", "limit", "3")).get(0).credentialId(), "newest first, and listed");
        assertEquals(0, rebuilds.queued(), "fresh again: nothing queued");
    }

    @Test
    void theIndexOfAPartitionThatLeftIsDroppedAndRebuiltOnDemand() {
        local.summary();
        assertEquals(Set.of(0, 1), local.ranks().indexed());
        active = List.of(0);
        assertEquals(CREDENTIALS / 2, local.summary().toJson().path("credentials").asInt());
        assertEquals(Set.of(0), local.ranks().indexed(), "partition 1 left: its index is gone");
        active = List.of(0, 1);
        assertEquals(CREDENTIALS, local.summary().toJson().path("credentials").asInt());
        assertEquals(2, store.ranges(1), "rebuilt on demand, on the request");

        // a rebuild that finishes after its partition left does not bring the index back
        clock.addAndGet(REFRESH.toMillis());
        local.summary();
        active = List.of(0);
        local.summary();
        rebuilds.runAll();
        assertEquals(Set.of(0), local.ranks().indexed());
    }

    @Test
    void rowsAreReadFreshAndKeepThePositionTheyWereRankedAt() {
        ListQuery q = ListQuery.from(Map.of("sort", "lastSeen", "source", "cloudtrail", "limit", "100"));
        List<String> before = ids(local.page(q).credentials());
        assertTrue(before.contains(id(2)) && before.contains(id(4)) && before.contains(id(6)));
        put(2, T0 + 3_600_000L, "cloudtrail"); // used again since the index was built
        put(4, T0, "kong"); // no longer passes the filter
        store.remove(0, id(6)); // gone

        Page page = local.page(q);
        List<String> after = ids(page.credentials());
        assertFalse(after.contains(id(4)), "a row that no longer matches is left out");
        assertFalse(after.contains(id(6)), "a credential gone from the store is left out");
        List<String> kept = new ArrayList<>(before);
        kept.removeAll(List.of(id(4), id(6)));
        assertEquals(kept, after, "the others, in the order of the index: " + id(2) + " where it was ranked");
        ObjectNode json = CredentialListRoutes.pageJson(page, q, "instance");
        JsonNode row = json.path("credentials").get(after.indexOf(id(2)));
        assertEquals(Instant.ofEpochMilli(T0 + 3_600_000L).toString(), row.path("lastSeen").asText(), "read fresh");
        assertEquals(Instant.ofEpochMilli(T0 - 2 * DAY).toString(), row.path("rankedValue").asText(), "ranked as of the build");
        assertEquals(Instant.ofEpochMilli(T0).toString(), json.path("rankedAt").asText());
        Page back = CredentialListRoutes.parsePage(json, q);
        assertEquals(page, back, "a peer's answer reads back with the same positions");
        assertNotEquals(null, back.rankedAt());
    }
}
