package io.nhidrift.detect;

import io.nhidrift.detect.detectors.AccessDeniedBurstDetector;
import io.nhidrift.detect.detectors.DormantReactivatedDetector;
import io.nhidrift.detect.detectors.EntitlementExpandedDetector;
import io.nhidrift.detect.detectors.ExpiredCredentialUseDetector;
import io.nhidrift.detect.detectors.HumanUseDetector;
import io.nhidrift.detect.detectors.IdleCredentialDetector;
import io.nhidrift.detect.detectors.NewCallerDetector;
import io.nhidrift.detect.detectors.OutOfScopeUseDetector;
import io.nhidrift.detect.detectors.RevokedCredentialUseDetector;
import io.nhidrift.detect.detectors.RotationOverdueDetector;
import io.nhidrift.detect.detectors.SessionCredentialMovedDetector;
import io.nhidrift.detect.detectors.UnknownCredentialDetector;
import io.nhidrift.detect.detectors.UnusedEntitlementDetector;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * All detections, indexed by what they consume (events, inventory changes, due times), so that
 * each input is offered only to the detectors that need it. Adding a detection is adding a class
 * here; the topology does not change.
 */
public final class DetectorRegistry {

    private final List<EventDetector> eventDetectors = new ArrayList<>();
    private final List<InventoryDetector> inventoryDetectors = new ArrayList<>();
    private final List<DueDetector> dueDetectors = new ArrayList<>();
    private final Map<AlertType, Detector> byType = new EnumMap<>(AlertType.class);

    public DetectorRegistry(DetectionConfig config) {
        IdleCredentialDetector idle = new IdleCredentialDetector();
        List<Detector> all = List.of(
                new UnknownCredentialDetector(),
                idle,
                new DormantReactivatedDetector(),
                new RevokedCredentialUseDetector(),
                new ExpiredCredentialUseDetector(),
                new OutOfScopeUseDetector(),
                new RotationOverdueDetector(),
                new HumanUseDetector(),
                new NewCallerDetector(),
                new AccessDeniedBurstDetector(),
                new SessionCredentialMovedDetector(),
                new EntitlementExpandedDetector(),
                new UnusedEntitlementDetector());
        for (Detector d : all) {
            byType.put(d.type(), d);
            if (!config.enabled(d.type())) {
                continue;
            }
            if (d instanceof EventDetector e) {
                eventDetectors.add(e);
            }
            if (d instanceof InventoryDetector i) {
                inventoryDetectors.add(i);
            }
            if (d instanceof DueDetector t) {
                dueDetectors.add(t);
            }
        }
    }

    public List<EventDetector> eventDetectors() {
        return eventDetectors;
    }

    public List<InventoryDetector> inventoryDetectors() {
        return inventoryDetectors;
    }

    public List<DueDetector> dueDetectors() {
        return dueDetectors;
    }

    public Map<AlertType, Detector> byType() {
        return byType;
    }

    public DueDetector dueDetector(byte kind) {
        for (DueDetector d : dueDetectors) {
            if (d.indexKind() == kind) {
                return d;
            }
        }
        return null;
    }
}
