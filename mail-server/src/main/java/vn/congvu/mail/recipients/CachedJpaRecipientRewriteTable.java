package vn.congvu.mail.recipients;

import java.time.Duration;
import java.util.concurrent.ExecutionException;

import org.apache.james.rrt.api.RecipientRewriteTableException;
import org.apache.james.rrt.jpa.JPARecipientRewriteTable;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.MappingSource;
import org.apache.james.rrt.lib.Mappings;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.UncheckedExecutionException;

/**
 * James' aliases and forwards (recipient rewrite table) in the mail database, with each address's stored
 * mappings remembered for a few seconds: the RecipientRewriteTable mailet asks for every recipient of every mail,
 * a database query each time (6 % of delivery's CPU). Every change made through this server forgets all of them;
 * the expiry bounds how long a change made by another server on the same database takes to apply.
 */
public class CachedJpaRecipientRewriteTable extends JPARecipientRewriteTable {
    private static final Duration EXPIRY = Duration.ofSeconds(10);

    private final Cache<MappingSource, Mappings> stored =
        CacheBuilder.newBuilder().expireAfterWrite(EXPIRY).maximumSize(50_000).build();

    @Override
    public Mappings getStoredMappings(MappingSource source) throws RecipientRewriteTableException {
        try {
            return stored.get(source, () -> super.getStoredMappings(source));
        } catch (ExecutionException | UncheckedExecutionException e) {
            if (e.getCause() instanceof RecipientRewriteTableException) {
                throw (RecipientRewriteTableException) e.getCause();
            }
            throw new RecipientRewriteTableException("Reading the mappings of " + source.asString() + " failed", e);
        }
    }

    @Override
    public void addMapping(MappingSource source, Mapping mapping) throws RecipientRewriteTableException {
        try {
            super.addMapping(source, mapping);
        } finally {
            stored.invalidateAll();
        }
    }

    @Override
    public void removeMapping(MappingSource source, Mapping mapping) throws RecipientRewriteTableException {
        try {
            super.removeMapping(source, mapping);
        } finally {
            stored.invalidateAll();
        }
    }
}
