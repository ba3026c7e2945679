package io.nhidrift.topology;

import io.nhidrift.avro.Alert;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Passes on the alerts whose team has a topic of its own; the others go only to the main alert topics. */
final class TeamAlertFilter implements Processor<String, Alert, String, Alert> {

    private final Set<String> teams;
    private ProcessorContext<String, Alert> context;

    TeamAlertFilter(Set<String> teams) {
        this.teams = Set.copyOf(teams);
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, Alert> record) {
        String team = record.value() == null ? null : record.value().getTeam();
        if (team != null && teams.contains(team)) {
            context.forward(record);
        }
    }
}
