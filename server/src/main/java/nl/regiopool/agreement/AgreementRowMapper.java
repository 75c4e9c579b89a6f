package nl.regiopool.agreement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import nl.regiopool.api.model.LoanAgreementStatus;
import nl.regiopool.db.Timestamps;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps a row that starts with {@link AgreementDao}'s agreement columns, by position in their order, to an
 * {@link AgreementRow}. Written out rather than a ConstructorMapper, which matches the record and its nested parts to
 * the result's columns by reflection again for every result set: for a page of agreements that matching cost more
 * than reading the rows.
 */
final class AgreementRowMapper implements RowMapper<AgreementRow> {

    static final AgreementRowMapper INSTANCE = new AgreementRowMapper();

    private AgreementRowMapper() {
    }

    @Override
    public AgreementRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        Steps steps = new Steps(instant(rs, 10), instant(rs, 11), instant(rs, 12), instant(rs, 13), rs.getString(14),
                rs.getObject(15, LocalDate.class), instant(rs, 16), rs.getString(17));
        Consent consent = new Consent(rs.getObject(18, LocalDate.class), rs.getString(19), instant(rs, 20),
                rs.getString(21));
        return new AgreementRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                rs.getObject(4, UUID.class), rs.getObject(5, UUID.class), rs.getString(6), rs.getString(7),
                rs.getString(8), LoanAgreementStatus.fromValue(rs.getString(9)), steps, consent, rs.getInt(22),
                instant(rs, 23), instant(rs, 24));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return Timestamps.instant(rs, column);
    }
}
