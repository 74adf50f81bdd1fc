package vn.congvu.gateway.outbox;

import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/** Ids for {@code IN (:ids)}: the one list form SQLite and PostgreSQL both take (batches stay under 2,000). */
public final class InList {

    private InList() {
    }

    public static MapSqlParameterSource ids(List<Long> ids) {
        return new MapSqlParameterSource("ids", ids);
    }
}
