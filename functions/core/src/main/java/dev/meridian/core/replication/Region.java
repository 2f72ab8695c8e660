package dev.meridian.core.replication;

import dev.meridian.core.events.EventLog;
import dev.meridian.core.naming.Seed;
import dev.meridian.core.storage.MetadataIndex;
import dev.meridian.core.storage.ObjectStore;

/**
 * One replica as replication sees it: its name ({@code eastus}), seed ({@code aa}), bucket,
 * index and event log. On AWS a function holds clients for its own region's table and log and
 * for every region's bucket; the peers' index and log are used only by {@link ReplicationStatus}.
 */
public record Region(String name, Seed seed, ObjectStore objects, MetadataIndex index,
    EventLog events) {}
