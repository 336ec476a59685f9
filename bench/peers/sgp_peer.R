# R peer of the SGP benchmark (bench/sgp.bench.ts): student growth percentiles with quantreg's rq.fit, following the
# SGP package's studentGrowthPercentiles() exactly as test/fixtures/sgp-oracle-reading/sgp_oracle.R does, but for
# any WIDE file (ID, GRADE_<year>…, SS_<year>…): SGPs for the last year, every current grade g, orders 1..max with
# the exact progression g-1, g-2, …; knots/boundaries per grade from the prior-year panels of students with a
# last-year score, the most recent year first (first computation wins).
#
# Rscript sgp_peer.R INPUT.csv[.gz] OUTPUT.csv [max_order=3] [method=br] [taus=all|comma-separated indices 1..100]
# OUTPUT: ID,GRADE,ORDER,SGP for every order computed (with taus = a subset: GRADE,ORDER,N,TAU,K,VALUE, the
# coefficients, instead).
# Prints one JSON line: seconds for reading, for the rq fits, in total, and the count of rq warnings (non-unique).
suppressMessages({ library(quantreg); library(splines) })
args <- commandArgs(trailingOnly = TRUE)
input <- args[1]; output <- args[2]
max_order <- if (length(args) >= 3) as.integer(args[3]) else 3L
method <- if (length(args) >= 4) args[4] else "br"
tau_sel <- if (length(args) >= 5 && args[5] != "all") as.integer(strsplit(args[5], ",")[[1]]) else NULL
t_start <- proc.time()[["elapsed"]]
d <- read.csv(if (grepl("\\.gz$", input)) gzfile(input) else input)
t_read <- proc.time()[["elapsed"]] - t_start
years <- sort(as.integer(sub("^SS_", "", grep("^SS_[0-9]{4}$", names(d), value = TRUE))))
G <- function(y) paste0("GRADE_", y); S <- function(y) paste0("SS_", y)
final <- max(years)
has_final <- !is.na(d[[S(final)]])
kb <- list()
for (y in rev(years[years < final])) {
  gr <- d[[G(y)]][has_final]; sc <- d[[S(y)]][has_final]
  for (g in sort(unique(gr[!is.na(gr)]))) {
    key <- as.character(g)
    if (!is.null(kb[[key]])) next
    x <- sc[!is.na(gr) & gr == g]
    if (all(is.na(x))) next
    kb[[key]] <- list(knots = round(as.vector(quantile(x, probs = c(.2, .4, .6, .8), na.rm = TRUE)), 3),
                      bnd = round(as.vector(extendrange(x, f = 0.1)), 3))
  }
}
taus <- (1:100 - 0.5) / 100
fit_seconds <- 0; warnings_n <- 0L
out <- list(); coefs <- list()
fg <- d[[G(final)]]
for (g in sort(unique(fg[has_final & !is.na(fg)]))) {
  for (k in seq_len(max_order)) {
    if (final - k < min(years)) break
    if (any(vapply(1:k, function(i) is.null(kb[[as.character(g - i)]]), logical(1)))) break
    ok <- has_final & !is.na(fg) & fg == g
    for (i in 1:k) { yy <- final - i; ok <- ok & !is.na(d[[S(yy)]]) & !is.na(d[[G(yy)]]) & d[[G(yy)]] == g - i }
    dd <- d[ok, ]
    if (nrow(dd) == 0) next
    X <- matrix(1, nrow(dd), 1)
    for (i in 1:k) { kk <- kb[[as.character(g - i)]]
      X <- cbind(X, suppressWarnings(bs(dd[[S(final - i)]], knots = kk$knots, Boundary.knots = kk$bnd))) }
    if (nrow(X) <= ncol(X)) next
    Y <- dd[[S(final)]]
    use <- if (is.null(tau_sel)) seq_along(taus) else tau_sel
    t0 <- proc.time()[["elapsed"]]
    B <- withCallingHandlers(
      sapply(taus[use], function(t) rq.fit(X, Y, tau = t, method = method)$coefficients),
      warning = function(w) { warnings_n <<- warnings_n + 1L; invokeRestart("muffleWarning") })
    fit_seconds <- fit_seconds + proc.time()[["elapsed"]] - t0
    if (!is.null(tau_sel)) {
      B <- matrix(B, nrow = ncol(X))
      coefs[[length(coefs) + 1]] <- data.frame(GRADE = g, ORDER = k, N = nrow(X), TAU = rep(use, each = ncol(X)),
                                               K = rep(seq_len(ncol(X)), length(use)), VALUE = as.vector(B))
      next
    }
    pred <- X %*% B
    pred <- t(apply(pred, 1, function(r) round(sort(r), 5)))
    sgp <- rowSums(pred < Y)
    sgp[sgp == 0] <- 1L; sgp[sgp == 100] <- 99L
    out[[length(out) + 1]] <- data.frame(ID = dd$ID, GRADE = g, ORDER = k, SGP = as.integer(sgp))
  }
}
if (is.null(tau_sel)) write.csv(do.call(rbind, out), output, row.names = FALSE) else write.csv(format(do.call(rbind, coefs), digits = 17), output, row.names = FALSE)
total <- proc.time()[["elapsed"]] - t_start
cat(sprintf('{"read_seconds": %.3f, "fit_seconds": %.3f, "total_seconds": %.3f, "warnings": %d, "method": "%s"}\n',
            t_read, fit_seconds, total, warnings_n, method))
