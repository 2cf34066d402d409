package io.github.huashu.server;

import io.github.huashu.KnowledgeBase;
import io.github.huashu.Suggester;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.util.JavalinException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The suggestion service: Huashu's API over HTTP (JSON under {@code /v1}, described by the OpenAPI
 * 3.1 document at {@code /openapi.json}), on Javalin and Jetty.
 *
 * <pre>{@code
 * SuggestionServer server =
 *     SuggestionServer.builder().knowledgeBase(kb).host("127.0.0.1").port(8080).build();
 * server.start();
 * ...
 * server.stop();
 * }</pre>
 *
 * <p>The knowledge base is held in an atomic reference to an immutable (knowledge base, suggester)
 * pair that each request reads once, at its start: {@link #swap(KnowledgeBase)} replaces it while
 * the server runs, requests in flight finish on the one they read, and every response names the
 * version that answered it ({@code kb_version} in JSON bodies, the {@value
 * Responses#KB_VERSION_HEADER} header on every response).
 *
 * <p>Thread-safe: {@link #start()}, {@link #stop()}, {@link #port()} and {@link #swap} may be
 * called from any thread; {@code start()} at most once.
 */
public final class SuggestionServer {

  private static final Logger LOG = LoggerFactory.getLogger(SuggestionServer.class);

  /** Where the playground's files are on the class path. */
  static final String PLAYGROUND = "/playground";

  private final String host;
  private final int port;
  private final Limits limits;
  private final AtomicReference<Served> served = new AtomicReference<>();
  private final Operations operations;
  private final Object lifecycle = new Object();
  private Javalin app; // guarded by lifecycle
  private Api api; // guarded by lifecycle
  private boolean started; // guarded by lifecycle

  private SuggestionServer(Builder builder) {
    this.host = builder.host == null ? Builder.DEFAULT_HOST : builder.host;
    this.port = builder.port == null ? Builder.DEFAULT_PORT : builder.port;
    this.limits =
        new Limits(
            or(builder.maxBodyBytes, Builder.DEFAULT_MAX_BODY_BYTES),
            or(builder.maxBatchSize, Builder.DEFAULT_MAX_BATCH_SIZE),
            or(builder.maxQuestionLength, Suggester.DEFAULT_MAX_QUESTION_LENGTH),
            or(builder.maxDraftLength, Builder.DEFAULT_MAX_DRAFT_LENGTH),
            builder.requestTimeout == null
                ? Builder.DEFAULT_REQUEST_TIMEOUT
                : builder.requestTimeout,
            or(builder.maxConcurrentRequests, Builder.DEFAULT_MAX_CONCURRENT_REQUESTS),
            or(builder.maxConversations, Builder.DEFAULT_MAX_CONVERSATIONS),
            builder.conversationIdleExpiry == null
                ? Builder.DEFAULT_CONVERSATION_IDLE_EXPIRY
                : builder.conversationIdleExpiry,
            or(builder.answerCacheSize, Builder.DEFAULT_ANSWER_CACHE_SIZE));
    if (builder.knowledgeBase != null) {
      served.set(serve(builder.knowledgeBase));
    }
    this.operations = new Operations(builder.operations(), this, served::get);
  }

  private static <T> T or(T value, T otherwise) {
    return value == null ? otherwise : value;
  }

  /** A builder of a server on 127.0.0.1:8080 with the documented limits. */
  public static Builder builder() {
    return new Builder();
  }

  private Served serve(KnowledgeBase kb) {
    Suggester.Builder suggester =
        Suggester.builder(kb).maxQuestionLength(limits.maxQuestionLength());
    if (limits.answerCacheSize() > 0) {
      suggester.cache(limits.answerCacheSize());
    }
    return new Served(kb, suggester.build());
  }

  /**
   * Starts listening; returns once the port is bound.
   *
   * @throws IllegalStateException if the server was started before
   */
  public SuggestionServer start() {
    synchronized (lifecycle) {
      if (started) {
        throw new IllegalStateException("expected a server not started yet but it was started");
      }
      started = true;
      Api api =
          new Api(
              limits,
              new RequestReader(limits.maxBodyBytes()),
              new Admission(limits.maxConcurrentRequests(), limits.requestTimeout()),
              new Conversations(limits.maxConversations(), limits.conversationIdleExpiry()));
      this.api = api;
      app = Javalin.create(config -> configure(config, api));
      app.start(host, port);
      operations.started();
      LOG.info(
          "Huashu suggestion service listening on http://{}:{} ({}; {})",
          host,
          app.port(),
          knowledgeBase().map(KnowledgeBase::toString).orElse("no knowledge base yet"),
          operations.describe());
      return this;
    }
  }

  /**
   * On every response: no content-type sniffing (a JSON body is never read as HTML), and no page of
   * another site may frame the playground (a {@code <meta>} policy cannot forbid that).
   */
  private static final Map<String, String> SECURITY_HEADERS =
      Map.of(
          "X-Content-Type-Options", "nosniff",
          "X-Frame-Options", "DENY",
          "Content-Security-Policy", "frame-ancestors 'none'");

  private void configure(io.javalin.config.JavalinConfig config, Api api) {
    config.startup.showJavalinBanner = false;
    config.http.prefer405over404 = true;
    config.http.maxRequestSize = limits.maxBodyBytes();
    config.staticFiles.add(
        files -> {
          files.hostedPath = "/";
          files.directory = PLAYGROUND;
          files.location = Location.CLASSPATH;
          files.headers.putAll(SECURITY_HEADERS);
        });
    config.routes.before(
        ctx -> {
          SECURITY_HEADERS.forEach(ctx::header);
          // The one read of the knowledge base for this request.
          Served current = served.get();
          if (current != null) {
            ctx.attribute(Responses.SERVED, current);
            ctx.header(Responses.KB_VERSION_HEADER, current.version());
          }
        });
    operations.configure(config);
    config.routes.get("/healthz", HealthHandlers::alive);
    config.routes.get("/readyz", HealthHandlers::ready);
    config.routes.get("/openapi.json", new OpenApiHandler());
    config.routes.post("/v1/suggest", new SuggestHandler(api));
    config.routes.post("/v1/suggest:batch", new BatchHandler(api));
    config.routes.post("/v1/lint-reply", new LintReplyHandler(api));
    IntentsHandler intents = new IntentsHandler(api);
    config.routes.get("/v1/intents", intents::list);
    config.routes.get("/v1/intents/{id}", intents::one);
    config.routes.exception(
        ProblemException.class, (e, ctx) -> Responses.problem(ctx, e.problem()));
    config.routes.exception(
        HttpResponseException.class,
        (e, ctx) -> Responses.problem(ctx, Problems.of(e, ctx, limits.maxBodyBytes())));
    config.routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
          Responses.problem(ctx, Problem.internal());
        });
  }

  /**
   * Stops gracefully: stops accepting connections, lets the requests in flight finish for up to the
   * drain timeout (connections idle for a second are closed), then closes; does nothing if the
   * server is not running.
   */
  public void stop() {
    synchronized (lifecycle) {
      if (app != null) {
        operations.close();
        try {
          app.stop();
        } catch (JavalinException e) {
          LOG.warn("stopped; requests still in flight after the drain timeout were cut", e);
        } finally {
          api.admission().close();
          app = null;
        }
      }
    }
  }

  /**
   * The port the server listens on (the one chosen by the system when built with port 0).
   *
   * @throws IllegalStateException if the server is not running
   */
  public int port() {
    synchronized (lifecycle) {
      if (app == null) {
        throw new IllegalStateException("expected a running server but it was not running");
      }
      return app.port();
    }
  }

  /** What the handlers share, for tests; null before {@link #start()}. */
  Api api() {
    synchronized (lifecycle) {
      return api;
    }
  }

  /** The host the server listens on. */
  public String host() {
    return host;
  }

  /** The knowledge base answering now, if one is loaded. */
  public Optional<KnowledgeBase> knowledgeBase() {
    Served current = served.get();
    return current == null ? Optional.empty() : Optional.of(current.knowledgeBase());
  }

  /**
   * Serves the knowledge base unless one serves already: the first load of a server started without
   * one. A reload (by the watch or {@code POST /v1/admin/reload}) that finished while the first
   * load ran read the files later, so what it swapped in is kept, not replaced by the older.
   *
   * @return whether this knowledge base now serves
   */
  public boolean swapIfNone(KnowledgeBase kb) {
    Objects.requireNonNull(kb, "kb");
    Served current = serve(kb);
    if (!served.compareAndSet(null, current)) {
      LOG.info(
          "Knowledge base {} not served: {} was reloaded meanwhile",
          kb.version(),
          served.get().version());
      return false;
    }
    operations.swapped(null, current);
    LOG.info("Knowledge base {} now serves (was none)", kb.version());
    return true;
  }

  /**
   * Serves another knowledge base from now on, atomically: requests that started before finish on
   * the one they read. The kept conversations stay.
   *
   * @return the knowledge base replaced, if there was one
   */
  public Optional<KnowledgeBase> swap(KnowledgeBase kb) {
    Objects.requireNonNull(kb, "kb");
    Served current = serve(kb);
    Served previous = served.getAndSet(current);
    operations.swapped(previous, current);
    LOG.info(
        "Knowledge base {} now serves (was {})",
        kb.version(),
        previous == null ? "none" : previous.version());
    return previous == null ? Optional.empty() : Optional.of(previous.knowledgeBase());
  }

  @Override
  public String toString() {
    return "SuggestionServer[" + host + ":" + port + ", " + limits + "]";
  }

  /**
   * Configures a {@link SuggestionServer}. Each option may be set once and is checked at once. Not
   * thread-safe; {@link #build()} never changes the builder.
   */
  public static final class Builder {

    /** The host listened on unless set: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** The port listened on unless set. */
    public static final int DEFAULT_PORT = 8080;

    /** The largest request body unless set: 256 KiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 256 * 1024;

    /** The most questions of one batch unless set. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 50;

    /** The longest draft {@code /v1/lint-reply} checks unless set, in characters. */
    public static final int DEFAULT_MAX_DRAFT_LENGTH = 5000;

    /** How long a request may take unless set. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /** How long a stop waits for the requests in flight unless set. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);

    /** How many API requests are answered at once unless set; more are refused with 503. */
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 64;

    /** How many conversations are kept unless set. */
    public static final long DEFAULT_MAX_CONVERSATIONS = 100_000;

    /** How long an idle conversation is kept unless set. */
    public static final Duration DEFAULT_CONVERSATION_IDLE_EXPIRY = Duration.ofMinutes(30);

    /** How many decisions the shared suggester caches unless set. */
    public static final long DEFAULT_ANSWER_CACHE_SIZE = 10_000;

    private KnowledgeBase knowledgeBase;
    private String host;
    private Integer port;
    private Long maxBodyBytes;
    private Integer maxBatchSize;
    private Integer maxQuestionLength;
    private Integer maxDraftLength;
    private Duration requestTimeout;
    private Integer maxConcurrentRequests;
    private Long maxConversations;
    private Duration conversationIdleExpiry;
    private Long answerCacheSize;
    private ApiKeys apiKeys;
    private Path corpusFolder;
    private KnowledgeBase.Loader corpusLoader;
    private Path snapshotFile;
    private Duration watchQuietPeriod;
    private Duration drainTimeout;
    private Boolean logQuestions;
    private Logger accessLogger;

    private Builder() {}

    /**
     * The knowledge base served from the start; without one the server answers {@code /readyz} and
     * the API with 503 until {@link SuggestionServer#swap} gives it one.
     */
    public Builder knowledgeBase(KnowledgeBase knowledgeBase) {
      once("knowledgeBase", this.knowledgeBase);
      this.knowledgeBase = Objects.requireNonNull(knowledgeBase, "knowledgeBase");
      return this;
    }

    /** The address listened on; {@value #DEFAULT_HOST} unless set. */
    public Builder host(String host) {
      once("host", this.host);
      Objects.requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("expected a host but it was blank");
      }
      this.host = host;
      return this;
    }

    /** The port listened on, 0 for any free one; {@value #DEFAULT_PORT} unless set. */
    public Builder port(int port) {
      once("port", this.port);
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("expected a port in [0, 65535] but was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The API keys: {@code /v1/*} and {@code /metrics} then need one, each key within its rate
     * limit, {@code /v1/admin/*} an admin key (see {@link ApiKeys}). Without keys the server may
     * only listen on a loopback host, and nothing asks for a key.
     */
    public Builder apiKeys(ApiKeys apiKeys) {
      once("apiKeys", this.apiKeys);
      this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
      return this;
    }

    /**
     * The folder the corpus is read from, with the loader that reads it: {@code POST
     * /v1/admin/reload} and {@link #watchCorpus} read it again. Without it, reloads are refused.
     */
    public Builder corpusFolder(Path corpusFolder, KnowledgeBase.Loader loader) {
      once("corpusFolder", this.corpusFolder);
      this.corpusFolder = Objects.requireNonNull(corpusFolder, "corpusFolder");
      this.corpusLoader = Objects.requireNonNull(loader, "loader");
      return this;
    }

    /**
     * The snapshot file ({@link KnowledgeBase#save}) the knowledge base was opened from: {@code
     * POST /v1/admin/reload} and {@link #watchCorpus} open it again; a snapshot that cannot be
     * opened is refused and the old knowledge base serves on. Not with {@link #corpusFolder}.
     */
    public Builder snapshotFile(Path snapshotFile) {
      once("snapshotFile", this.snapshotFile);
      this.snapshotFile = Objects.requireNonNull(snapshotFile, "snapshotFile");
      return this;
    }

    /**
     * Watches the corpus folder and its subfolders, or the snapshot file (through its folder, so
     * that a snapshot moved into place is seen), reloading once they have been quiet for {@code
     * quietPeriod} (500 ms is a good choice); needs {@link #corpusFolder} or {@link #snapshotFile}.
     * Not watched unless set.
     */
    public Builder watchCorpus(Duration quietPeriod) {
      once("watchCorpus", this.watchQuietPeriod);
      Objects.requireNonNull(quietPeriod, "quietPeriod");
      if (quietPeriod.isNegative() || quietPeriod.isZero()) {
        throw new IllegalArgumentException(
            "expected a positive quiet period but was " + quietPeriod);
      }
      this.watchQuietPeriod = quietPeriod;
      return this;
    }

    /**
     * How long {@link SuggestionServer#stop()} waits for the requests in flight once it stopped
     * accepting, before closing their connections; 10 seconds unless set.
     */
    public Builder drainTimeout(Duration drainTimeout) {
      once("drainTimeout", this.drainTimeout);
      Objects.requireNonNull(drainTimeout, "drainTimeout");
      if (drainTimeout.isNegative()) {
        throw new IllegalArgumentException("expected a drainTimeout >= 0 but was " + drainTimeout);
      }
      this.drainTimeout = drainTimeout;
      return this;
    }

    /**
     * Whether the access log (logger {@code huashu.access}) shows the questions and drafts; false
     * unless set: they may hold a shopper's personal data.
     */
    public Builder logQuestions(boolean logQuestions) {
      once("logQuestions", this.logQuestions);
      this.logQuestions = logQuestions;
      return this;
    }

    /** The access log's logger, for tests; {@code huashu.access} unless set. */
    Builder accessLogger(Logger accessLogger) {
      once("accessLogger", this.accessLogger);
      this.accessLogger = Objects.requireNonNull(accessLogger, "accessLogger");
      return this;
    }

    Operations.Settings operations() {
      return new Operations.Settings(
          apiKeys,
          corpusFolder,
          corpusLoader,
          snapshotFile,
          watchQuietPeriod,
          drainTimeout == null ? DEFAULT_DRAIN_TIMEOUT : drainTimeout,
          logQuestions != null && logQuestions,
          accessLogger == null ? LoggerFactory.getLogger(AccessLog.LOGGER) : accessLogger);
    }

    /**
     * The largest request body, in bytes; larger ones are refused with 413; {@value
     * #DEFAULT_MAX_BODY_BYTES} unless set.
     */
    public Builder maxBodyBytes(long maxBodyBytes) {
      once("maxBodyBytes", this.maxBodyBytes);
      if (maxBodyBytes < 1) {
        throw new IllegalArgumentException("expected maxBodyBytes >= 1 but was " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * The most items of one {@code /v1/suggest:batch} call; more are refused with 422; {@value
     * #DEFAULT_MAX_BATCH_SIZE} unless set.
     */
    public Builder maxBatchSize(int maxBatchSize) {
      once("maxBatchSize", this.maxBatchSize);
      if (maxBatchSize < 1) {
        throw new IllegalArgumentException("expected maxBatchSize >= 1 but was " + maxBatchSize);
      }
      this.maxBatchSize = maxBatchSize;
      return this;
    }

    /**
     * The longest question, in characters (code points); longer ones are refused with 422; {@value
     * Suggester#DEFAULT_MAX_QUESTION_LENGTH} unless set.
     */
    public Builder maxQuestionLength(int maxQuestionLength) {
      once("maxQuestionLength", this.maxQuestionLength);
      if (maxQuestionLength < 1) {
        throw new IllegalArgumentException(
            "expected maxQuestionLength >= 1 but was " + maxQuestionLength);
      }
      this.maxQuestionLength = maxQuestionLength;
      return this;
    }

    /**
     * The longest draft {@code /v1/lint-reply} checks, in characters (code points); longer ones are
     * refused with 422; {@value #DEFAULT_MAX_DRAFT_LENGTH} unless set.
     */
    public Builder maxDraftLength(int maxDraftLength) {
      once("maxDraftLength", this.maxDraftLength);
      if (maxDraftLength < 1) {
        throw new IllegalArgumentException(
            "expected maxDraftLength >= 1 but was " + maxDraftLength);
      }
      this.maxDraftLength = maxDraftLength;
      return this;
    }

    /**
     * How long an API request may take once its body is read; past it the answer is a 503 problem;
     * 5 seconds unless set.
     */
    public Builder requestTimeout(Duration requestTimeout) {
      once("requestTimeout", this.requestTimeout);
      Objects.requireNonNull(requestTimeout, "requestTimeout");
      if (requestTimeout.isNegative() || requestTimeout.isZero()) {
        throw new IllegalArgumentException(
            "expected a positive requestTimeout but was " + requestTimeout);
      }
      this.requestTimeout = requestTimeout;
      return this;
    }

    /**
     * How many API requests are answered at once; one more is refused at once with 503 and {@code
     * Retry-After}; {@value #DEFAULT_MAX_CONCURRENT_REQUESTS} unless set. Health checks, the
     * OpenAPI document and the playground are not counted.
     */
    public Builder maxConcurrentRequests(int maxConcurrentRequests) {
      once("maxConcurrentRequests", this.maxConcurrentRequests);
      if (maxConcurrentRequests < 1) {
        throw new IllegalArgumentException(
            "expected maxConcurrentRequests >= 1 but was " + maxConcurrentRequests);
      }
      this.maxConcurrentRequests = maxConcurrentRequests;
      return this;
    }

    /**
     * How many conversations ({@code conversation_id}) are kept, the least recently used dropped
     * first; {@value #DEFAULT_MAX_CONVERSATIONS} unless set.
     */
    public Builder maxConversations(long maxConversations) {
      once("maxConversations", this.maxConversations);
      if (maxConversations < 1) {
        throw new IllegalArgumentException(
            "expected maxConversations >= 1 but was " + maxConversations);
      }
      this.maxConversations = maxConversations;
      return this;
    }

    /** How long a conversation is kept after its last message; 30 minutes unless set. */
    public Builder conversationIdleExpiry(Duration conversationIdleExpiry) {
      once("conversationIdleExpiry", this.conversationIdleExpiry);
      Objects.requireNonNull(conversationIdleExpiry, "conversationIdleExpiry");
      if (conversationIdleExpiry.isNegative() || conversationIdleExpiry.isZero()) {
        throw new IllegalArgumentException(
            "expected a positive conversationIdleExpiry but was " + conversationIdleExpiry);
      }
      this.conversationIdleExpiry = conversationIdleExpiry;
      return this;
    }

    /**
     * How many decisions the shared suggester caches ({@link Suggester.Builder#cache}), 0 for none;
     * {@value #DEFAULT_ANSWER_CACHE_SIZE} unless set.
     */
    public Builder answerCacheSize(long answerCacheSize) {
      once("answerCacheSize", this.answerCacheSize);
      if (answerCacheSize < 0) {
        throw new IllegalArgumentException(
            "expected answerCacheSize >= 0 but was " + answerCacheSize);
      }
      this.answerCacheSize = answerCacheSize;
      return this;
    }

    private static void once(String option, Object value) {
      if (value != null) {
        throw new IllegalStateException(option + " was already set to " + value);
      }
    }

    /**
     * The server.
     *
     * @throws IllegalArgumentException if the host is not loopback and no API keys are set
     * @throws IllegalStateException if both a corpus folder and a snapshot file were set, or the
     *     corpus is to be watched but neither was
     */
    public SuggestionServer build() {
      KeyCheck.checkHost(host == null ? DEFAULT_HOST : host, apiKeys != null);
      if (corpusFolder != null && snapshotFile != null) {
        throw new IllegalStateException(
            "expected either a corpusFolder or a snapshotFile but both were set ('"
                + corpusFolder
                + "', '"
                + snapshotFile
                + "')");
      }
      if (watchQuietPeriod != null && corpusFolder == null && snapshotFile == null) {
        throw new IllegalStateException(
            "expected a corpusFolder or a snapshotFile to watch but neither was set");
      }
      return new SuggestionServer(this);
    }
  }
}
