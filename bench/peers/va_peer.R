#!/usr/bin/env Rscript
# R peer of `junheng growth va`: lme4 random-intercept value-added, lmer(POST ~ PRE + (1 | SCHOOL)), REML (lme4's default).
# Same input and pairing as the CLI: rows of one CONTENT_AREA with VALID_CASE == "VALID_CASE" (when that column exists);
# students with a non-missing score in FROM and in TO whose GRADE in TO is GRADE in FROM + 1; school = SCHOOL_NUMBER in TO;
# one model per TO grade. Prints JSON {"grades": {"<grade>": {n, tau2, sigma2, theta, beta, reml, schools: [...]}}, "seconds": {...}}.
#
# usage: Rscript bench/peers/va_peer.R LONG.csv[.gz] SUBJECT FROM TO [--tight]
#   --tight  tighten nloptwrap (BOBYQA) tolerances from lme4's defaults (xtol_abs = ftol_abs = 1e-8) to 1e-14 / 1e-15,
#            so the REML optimum is found to full precision (for agreement checks to ~1e-8).
# needs: r-base-core, r-cran-lme4, r-cran-data.table, r-cran-jsonlite (Debian packages).
suppressMessages({ library(lme4); library(data.table); library(jsonlite) })

args <- commandArgs(trailingOnly = TRUE)
tight <- "--tight" %in% args
args <- setdiff(args, "--tight")
if (length(args) != 4) stop("usage: Rscript va_peer.R LONG.csv[.gz] SUBJECT FROM TO [--tight]")
input <- args[1]; subject <- args[2]; from <- args[3]; to <- args[4]

t0 <- proc.time()[["elapsed"]]
cls <- c(ID = "character", SCHOOL_NUMBER = "character", YEAR = "character", CONTENT_AREA = "character")
d <- if (grepl("\\.gz$", input)) fread(cmd = paste("gzip -dc", shQuote(input)), colClasses = cls) else fread(input, colClasses = cls)
if ("VALID_CASE" %in% names(d)) d <- d[VALID_CASE == "VALID_CASE"]
d <- d[CONTENT_AREA == subject & !is.na(SCALE_SCORE)]
pre <- d[YEAR == from, .(ID, GRADE_PRE = GRADE, PRE = SCALE_SCORE)]
post <- d[YEAR == to, .(ID, GRADE, POST = SCALE_SCORE, SCHOOL = SCHOOL_NUMBER)]
m <- merge(pre, post, by = "ID")[GRADE == GRADE_PRE + 1]
t1 <- proc.time()[["elapsed"]]

ctrl <- if (tight) lmerControl(optCtrl = list(xtol_abs = 1e-14, ftol_abs = 1e-15, xtol_rel = 1e-14, maxeval = 1e5)) else lmerControl()
grades <- list()
for (g in sort(unique(m$GRADE))) {
  dg <- m[GRADE == g]
  fit <- lmer(POST ~ PRE + (1 | SCHOOL), data = dg, REML = TRUE, control = ctrl)
  re <- ranef(fit, condVar = TRUE)$SCHOOL
  counts <- table(dg$SCHOOL)
  vc <- as.data.frame(VarCorr(fit))
  grades[[as.character(g)]] <- list(
    n = nrow(dg),
    tau2 = vc$vcov[vc$grp == "SCHOOL"],
    sigma2 = sigma(fit)^2,
    theta = unname(getME(fit, "theta")),
    beta = unname(fixef(fit)),
    reml = REMLcrit(fit),
    schools = data.frame(school = rownames(re), n = as.integer(counts[rownames(re)]), effect = re[, 1],
                         se = sqrt(attr(re, "postVar")[1, 1, ]), stringsAsFactors = FALSE)
  )
}
t2 <- proc.time()[["elapsed"]]
cat(toJSON(list(subject = subject, from = from, to = to, tight = tight, lme4 = as.character(packageVersion("lme4")),
                grades = grades, seconds = list(read = t1 - t0, fit = t2 - t1)),
           auto_unbox = TRUE, digits = I(15)), "\n")
