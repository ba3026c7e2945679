package io.nhidrift.detect;

import java.util.List;

/** A detection that looks at each normalized event of a credential. Must not scan stores. */
public interface EventDetector extends Detector {
    List<Finding> onEvent(EventContext ctx);
}
