package nl.regiopool;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import nl.regiopool.internship.ApplicantRetention;
import nl.regiopool.internship.DocumentStore;
import nl.regiopool.internship.InternshipResource;
import nl.regiopool.report.CapacityReportResource;
import nl.regiopool.internship.PostgresDocumentStore;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import io.dropwizard.migrations.MigrationsBundle;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import nl.regiopool.agreement.AgreementExpiry;
import nl.regiopool.request.StaffingRequestExpiry;
import nl.regiopool.request.ReleasedOffers;
import nl.regiopool.geo.Geocoding;
import nl.regiopool.request.StaffingRequestResource;
import nl.regiopool.agreement.AgreementResource;
import nl.regiopool.agreement.AgreementWorkflow;
import nl.regiopool.api.model.Approvals;
import nl.regiopool.api.model.AvailabilityException;
import nl.regiopool.api.model.LoanAgreement;
import nl.regiopool.api.model.LoanAgreementTerms;
import nl.regiopool.api.model.MyShift;
import nl.regiopool.api.model.Placement;
import nl.regiopool.api.model.ScheduleEntry;
import nl.regiopool.api.model.StaffingRequest;
import nl.regiopool.api.model.Worker;
import nl.regiopool.audit.AuditLog;
import nl.regiopool.audit.DevCheckpointKey;
import nl.regiopool.audit.Sealer;
import nl.regiopool.audit.VerifyWarmUp;
import nl.regiopool.audit.AuditRecords;
import nl.regiopool.audit.AuditResource;
import nl.regiopool.auth.AuthFilter;
import nl.regiopool.availability.AvailabilityResource;
import nl.regiopool.auth.DevSecret;
import nl.regiopool.auth.MemberClaims;
import nl.regiopool.auth.OperationRoles;
import nl.regiopool.auth.TokenCommand;
import nl.regiopool.auth.TokenVerifier;
import nl.regiopool.auth.WorkerClaims;
import nl.regiopool.cooperative.CooperativeResource;
import nl.regiopool.db.DatabaseConfig;
import nl.regiopool.demo.DemoCommand;
import nl.regiopool.docs.ApiDocs;
import nl.regiopool.db.EmbeddedDatabase;
import nl.regiopool.db.JdbiSettings;
import nl.regiopool.export.DataExportResource;
import nl.regiopool.db.Migrator;
import nl.regiopool.http.AllFieldErrors;
import nl.regiopool.http.BodyFields;
import nl.regiopool.http.CachedParameterNames;
import nl.regiopool.http.ContainerErrors;
import nl.regiopool.http.CursorBinding;
import nl.regiopool.http.Idempotency;
import nl.regiopool.http.JsonNulls;
import nl.regiopool.http.MethodGate;
import nl.regiopool.http.ProblemMappers;
import nl.regiopool.http.QuietRequestLogFactory;
import nl.regiopool.http.RateLimit;
import nl.regiopool.http.RequestIds;
import nl.regiopool.http.RequestJson;
import nl.regiopool.http.RequestSchemas;
import nl.regiopool.http.RequestSizeLimit;
import nl.regiopool.http.RequestText;
import nl.regiopool.http.SpecRoutes;
import nl.regiopool.http.StrictInstants;
import nl.regiopool.http.TimeParamConverters;
import nl.regiopool.http.UnreadBodyFilter;
import nl.regiopool.http.Writes;
import nl.regiopool.http.RequestLabels;
import nl.regiopool.me.MeResource;
import nl.regiopool.ops.JobHealth;
import nl.regiopool.ops.Metrics;
import nl.regiopool.ops.MetricsServlet;
import nl.regiopool.ops.MigrationState;
import nl.regiopool.ops.ProductMetrics;
import nl.regiopool.write.JobRuns;
import nl.regiopool.member.MemberResource;
import nl.regiopool.placement.MyScheduleResource;
import nl.regiopool.placement.PlacementResource;
import nl.regiopool.pool.PoolResource;
import nl.regiopool.ruleset.CaoRuleSetResource;
import nl.regiopool.settings.SettingsResource;
import nl.regiopool.settlement.SettlementResource;
import nl.regiopool.tenancy.Ids;
import nl.regiopool.tenancy.Transactions;
import nl.regiopool.worker.WorkerResource;
import nl.regiopool.write.WriteCore;
import nl.regiopool.event.EventOutbox;
import nl.regiopool.event.EventResource;
import nl.regiopool.webhook.Deliverer;
import nl.regiopool.webhook.WebhookResource;
import nl.regiopool.webhook.WebhookUrls;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.glassfish.jersey.server.ServerProperties;
import org.jdbi.v3.core.Jdbi;
import org.apache.tomcat.jdbc.pool.DataSourceProxy;
import org.postgresql.ds.PGSimpleDataSource;

public class RegiopoolApplication extends Application<RegiopoolConfiguration> {

    private volatile String databaseUrl;
    private volatile AgreementExpiry agreementExpiry;
    private volatile ApplicantRetention applicantRetention;
    private volatile Deliverer deliverer;
    private volatile Sealer sealer;
    private volatile WebhookUrls webhookUrls;
    private volatile StaffingRequestExpiry staffingRequestExpiry;
    private volatile EmbeddedDatabase embeddedDatabase;
    private volatile Jdbi jdbi;

    public static void main(String[] args) throws Exception {
        new RegiopoolApplication().run(args);
    }

    @Override
    public String getName() {
        return "regiopool";
    }

    @Override
    public void initialize(Bootstrap<RegiopoolConfiguration> bootstrap) {
        bootstrap.setValidatorFactory(Validators.newConfiguration().parameterNameProvider(new CachedParameterNames())
                .buildValidatorFactory());
        bootstrap.addCommand(new TokenCommand());
        bootstrap.addCommand(new DemoCommand(this));
        bootstrap.addBundle(new MigrationsBundle<>() {
            @Override
            public DataSourceFactory getDataSourceFactory(RegiopoolConfiguration configuration) {
                DatabaseConfig database = configuration.getDatabase();
                if (database.isEmbedded()) {
                    throw new IllegalStateException("db commands need database.url; the embedded database migrates on start");
                }
                return database.ownerDataSource(database.getUrl());
            }

            @Override
            public String getMigrationsFileName() {
                return Migrator.CHANGELOG;
            }
        });
    }

    /** Strict JSON: unknown fields, wrong types and duplicate keys are errors, not guesses. */
    static void configureJson(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        // on the factory: the JAX-RS provider creates parsers from it directly
        mapper.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        // a date is a string: without this, java.time reads a number as days (or seconds) since 1970
        mapper.setDefaultLeniency(false);
        mapper.registerModule(new StrictInstants());
    }

    /** The embedded PostgreSQL, when no database.url is configured (fault tests stop and restart it). */
    public java.util.Optional<EmbeddedDatabase> embeddedDatabase() {
        return java.util.Optional.ofNullable(embeddedDatabase);
    }

    /** The background job that ends agreements whose period is over. */
    public AgreementExpiry agreementExpiry() {
        return agreementExpiry;
    }

    public ApplicantRetention applicantRetention() {
        return applicantRetention;
    }

    /** Links committed audit events into each cooperative's chain. */
    public Sealer sealer() {
        return sealer;
    }

    /** The background job that sends webhook deliveries. */
    public Deliverer deliverer() {
        return deliverer;
    }

    /** The webhook URL policy (tests replace its resolver). */
    public WebhookUrls webhookUrls() {
        return webhookUrls;
    }

    public StaffingRequestExpiry staffingRequestExpiry() {
        return staffingRequestExpiry;
    }

    /** The application's connection pool (as the application role). */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** The JDBC URL of the database in use (the embedded one's port is chosen at start). */
    public String databaseUrl() {
        return databaseUrl;
    }

    @Override
    public void run(RegiopoolConfiguration configuration, Environment environment) {
        // Strict for requests only: the configuration was parsed before run(), from a copy of this
        // mapper, and overrides such as -Ddw.database.maxConnections=8 arrive as strings to coerce.
        configureJson(environment.getObjectMapper());
        RequestJson.configure(environment.getObjectMapper(), RequestSchemas.fromPackagedSpec());
        if (configuration.getServerFactory() instanceof DefaultServerFactory server
                && !(server.getRequestLogFactory() instanceof QuietRequestLogFactory)) {
            server.setRequestLogFactory(new QuietRequestLogFactory(server.getRequestLogFactory()));
        }
        DevSecret.applyIfNeeded(configuration);
        DevCheckpointKey.applyIfNeeded(configuration);
        DatabaseConfig database = configuration.getDatabase();
        String jdbcUrl = database.getUrl();
        if (database.isEmbedded()) {
            EmbeddedDatabase embedded = EmbeddedDatabase.start(database);
            embeddedDatabase = embedded;
            environment.lifecycle().manage(new Managed() {
                @Override
                public void stop() {
                    embedded.close();
                }
            });
            jdbcUrl = embedded.jdbcUrl();
        }
        databaseUrl = jdbcUrl;
        if (database.migratesOnStart()) {
            PGSimpleDataSource owner = new PGSimpleDataSource();
            owner.setURL(jdbcUrl);
            owner.setUser(database.getOwnerUser());
            owner.setPassword(database.getOwnerPassword());
            Migrator.migrate(owner, database.getUser());
        }

        Metrics metrics = new Metrics();
        DataSourceFactory applicationDataSource = database.applicationDataSource(jdbcUrl);
        ManagedDataSource dataSource = applicationDataSource.build(environment.metrics(), "postgresql");
        if (dataSource instanceof DataSourceProxy pool) {
            // The statement facade wraps every Statement and ResultSet in a reflective proxy so that getConnection()
            // and getStatement() return the pool's objects; no code here asks for them, and every column read paid
            // a Method.invoke with an access check (an eighth of a chain verify's CPU).
            pool.setUseStatementFacade(false);
            metrics.connectionPool(pool);
        }
        Jdbi jdbi = JdbiSettings.apply(
                new JdbiFactory().build(environment, applicationDataSource, dataSource, "postgresql"));
        this.jdbi = jdbi;

        ObjectMapper mapper = environment.getObjectMapper();
        JsonNulls.omit(mapper, Worker.class, LoanAgreement.class, LoanAgreementTerms.class, Approvals.class,
                Placement.class, ScheduleEntry.class, MyShift.class, AvailabilityException.class,
                nl.regiopool.api.model.InternshipApplicant.class,
                nl.regiopool.api.model.InternshipWishes.class,
                StaffingRequest.class, nl.regiopool.api.model.Offer.class);
        Transactions transactions = new Transactions(jdbi);
        sealer = new Sealer(jdbi, mapper, configuration.getAudit());
        if (configuration.getAudit().isSealInBackground()) {
            environment.lifecycle().manage(sealer);
        }
        if (configuration.getAudit().isWarmUpVerify()) {
            environment.lifecycle().manage(new VerifyWarmUp(mapper));
        }
        WriteCore writeCore = new WriteCore(jdbi, new AuditLog(mapper, Ids::next), new EventOutbox(), sealer);
        writeCore.afterCommit(ProductMetrics::committed);
        Writes writes = new Writes(writeCore, new Idempotency(mapper));

        environment.jersey().property(ServerProperties.WADL_FEATURE_DISABLE, true);
        ContainerErrors containerErrors = new ContainerErrors(mapper);
        environment.getApplicationContext().setErrorHandler(containerErrors);
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    server.setErrorHandler(containerErrors);
                }
            }
        });
        environment.servlets().addFilter("request-metrics", metrics.requests())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        environment.servlets().addFilter("method-gate", new MethodGate(
                        SpecRoutes.fromPackagedSpec().and(ApiDocs.paths(), ApiDocs.ALLOW), mapper))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        ApiDocs.install(environment);
        environment.jersey().register(new RequestIds());
        environment.jersey().register(new RequestLabels.Operation());
        environment.jersey().register(new RequestLabels.Tenant());
        environment.jersey().register(new RequestSizeLimit(configuration.getHttp().getMaxRequestBytes(),
                configuration.getHttp().getMaxUploadRequestBytes()));
        environment.jersey().register(MultiPartFeature.class);
        environment.jersey().register(new RequestText());
        environment.jersey().register(new UnreadBodyFilter());
        environment.jersey().register(new CursorBinding(CursorBinding.key(configuration.getHttp().getCursorSecret(),
                configuration.getAuth().getHmacSecret())));
        environment.jersey().register(new TimeParamConverters());
        environment.jersey().register(new AuthFilter(new TokenVerifier(configuration.getAuth()), OperationRoles.fromPackagedSpec(),
                new WorkerClaims(transactions)));
        environment.jersey().register(new MemberClaims(transactions));
        environment.jersey().register(new RateLimit(configuration.getHttp()));
        ProblemMappers.all().forEach(environment.jersey()::register);
        environment.jersey().register(new AllFieldErrors(mapper, new BodyFields(mapper, environment.getValidator())));
        RequestJson.mappers().forEach(environment.jersey()::register);

        environment.jersey().register(new MeResource());
        environment.jersey().register(new CooperativeResource(transactions, writes));
        environment.jersey().register(new MemberResource(transactions, writes));
        environment.jersey().register(new WorkerResource(transactions, writes));
        environment.jersey().register(new PoolResource(transactions, writes));
        environment.jersey().register(new SettingsResource(transactions, writes));
        environment.jersey().register(new AuditResource(transactions, mapper, sealer));
        AgreementWorkflow agreements = new AgreementWorkflow(ReleasedOffers::placeUnder);
        environment.jersey().register(new AgreementResource(transactions, writes, agreements));
        environment.jersey().register(new CaoRuleSetResource(transactions, writes));
        environment.jersey().register(new PlacementResource(transactions, writes, mapper));
        environment.jersey().register(new AvailabilityResource(transactions, writes));
        environment.jersey().register(new MyScheduleResource(transactions));
        environment.jersey().register(new SettlementResource(transactions, writes));
        agreementExpiry = new AgreementExpiry(transactions, writeCore,
                configuration.getJobs().getAgreementExpiryInterval());
        environment.lifecycle().manage(agreementExpiry);
        DocumentStore documentStore = new PostgresDocumentStore();
        environment.jersey().register(new DataExportResource(transactions, new AuditRecords(mapper, sealer), writes, mapper,
                documentStore));
        environment.jersey().register(new InternshipResource(transactions, writes, documentStore));
        environment.jersey().register(new CapacityReportResource(transactions));
        applicantRetention = new ApplicantRetention(transactions, writeCore, documentStore, Clock.systemUTC(),
                configuration.getJobs().getApplicantRetentionInterval());
        environment.lifecycle().manage(applicantRetention);
        webhookUrls = new WebhookUrls(configuration.getWebhooks().isAllowHttp(),
                configuration.getWebhooks().isAllowPrivateAddresses());
        environment.jersey().register(new EventResource(transactions, mapper));
        environment.jersey().register(new WebhookResource(transactions, writes, webhookUrls));
        deliverer = new Deliverer(transactions, writeCore, webhookUrls, mapper, configuration.getWebhooks());
        environment.lifecycle().manage(deliverer);
        writeCore.afterCommit(deliverer::committed);
        environment.jersey().register(new StaffingRequestResource(transactions, writes, agreements,
                Geocoding.of(configuration.getGeocoder(), transactions)));
        staffingRequestExpiry = new StaffingRequestExpiry(transactions, writeCore, agreements,
                configuration.getJobs().getStaffingRequestExpiryInterval());
        environment.lifecycle().manage(staffingRequestExpiry);
        observe(configuration, environment, metrics, jdbi);
    }

    /** Metrics on the admin port's /metrics, and health checks of the migrations and the background jobs. */
    private void observe(RegiopoolConfiguration configuration, Environment environment, Metrics metrics, Jdbi jdbi) {
        List<JobRuns> jobs = List.of(agreementExpiry.runs(), applicantRetention.runs(), staffingRequestExpiry.runs(),
                deliverer.runs());
        metrics.jobs(jobs);
        metrics.webhookQueue(deliverer::queueDepth);
        metrics.audit(sealer::sealedTotal, sealer::backlog);
        environment.admin().addServlet("prometheus-metrics", new MetricsServlet(metrics.registry())).addMapping("/metrics");
        environment.healthChecks().register("migrations", new MigrationState(jdbi));
        for (JobRuns job : jobs) {
            environment.healthChecks().register("job-" + job.name(),
                    new JobHealth(job, configuration.getHealth().getStaleAfterIntervals(),
                            configuration.getHealth().getStaleAfterAtLeast().toJavaDuration(), Clock.systemUTC()));
        }
    }
}
