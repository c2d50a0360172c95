# Recomputes one region's published figures from a responses export, with base R only and no
# Ovoz code: the satisfaction rate (top-2-box) with its Wilson interval, the delivery median
# (Hyndman & Fan definition 2, service-event days where present) and the Social KPI index with
# the default weights, floors and targets of docs/indicators.md.
#
#   Rscript docs/recompute.R responses.csv UZ-TO [coverage]
#
# responses.csv: GET /api/exports/<survey>/responses.csv (exact answers). coverage: the region's
# coverage coefficient, an administrative figure that is not in the export (leave it out when
# the report has none). Compare with GET /api/reports/indicators?survey=…&region=…&exact=1.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 2) stop("usage: Rscript recompute.R responses.csv REGION [coverage]")
d <- read.csv(args[1], colClasses = "character", na.strings = "", encoding = "UTF-8",
              check.names = FALSE)
r <- d[!is.na(d$region) & d$region == args[2], ]
coverage <- if (length(args) >= 3) as.numeric(args[3]) else NA

num <- function(x) suppressWarnings(as.numeric(x))

# Top-2-box rate of a 1-5 item: answers 4 or 5 among the valid 1-5 answers ("na" left out).
top2 <- function(x) {
  v <- num(x)
  v <- v[!is.na(v) & v >= 1 & v <= 5]
  list(n = length(v), x = sum(v >= 4), rate = if (length(v)) mean(v >= 4) else NA)
}

# Wilson score interval, z = 1.959964.
wilson <- function(x, n, z = 1.959964) {
  p <- x / n
  centre <- (p + z^2 / (2 * n)) / (1 + z^2 / n)
  half <- z / (1 + z^2 / n) * sqrt(p * (1 - p) / n + z^2 / (4 * n^2))
  c(max(0, centre - half), min(1, centre + half))
}

sat <- top2(r$satisfaction)
trust <- top2(r$trust)

# Delivery days: the service-event days where a one-time link gave them, else the answer.
days <- ifelse(!is.na(num(r$service_days)), num(r$service_days), num(r$delivery_days))
days <- days[!is.na(days) & days >= 0]
median_days <- if (length(days)) unname(quantile(days, 0.5, type = 2)) else NA

# Affordability: (paid nothing + paid only officially and could afford it) over (those + paid
# only officially and could not + every informal payer); "na" and a skipped follow-up left out.
paid <- r$paid
afford <- r$afford
valid <- !is.na(paid) & paid != "na"
none <- sum(valid & paid == "none")
formal_yes <- sum(valid & paid == "formal" & !is.na(afford) & afford == "yes")
formal_no <- sum(valid & paid == "formal" & !is.na(afford) & afford == "no")
informal <- sum(valid & paid %in% c("informal", "both"))
afford_n <- none + formal_yes + formal_no + informal
affordability <- if (afford_n > 0) (none + formal_yes) / afford_n else NA

# Social KPI index: each component scored between its floor (0) and target (100), kept in
# [0, 100]; the weighted mean of the components present (weights renormalised).
weights <- c(satisfaction = 0.35, trust = 0.15, deliveryTime = 0.20, affordability = 0.15,
             coverage = 0.15)
floors <- c(satisfaction = 0.30, trust = 0.20, deliveryTime = 30, affordability = 0.50,
            coverage = 0.20)
targets <- c(satisfaction = 0.95, trust = 0.90, deliveryTime = 3, affordability = 1.00,
             coverage = 1.00)
values <- c(satisfaction = sat$rate, trust = trust$rate, deliveryTime = median_days,
            affordability = affordability, coverage = coverage)
present <- !is.na(values)
scores <- pmin(100, pmax(0, 100 * (values - floors) / (targets - floors)))
kpi <- sum(weights[present] * scores[present]) / sum(weights[present])

ci <- wilson(sat$x, sat$n)
cat(sprintf("satisfaction: n=%d rate=%.12f ci95=%.12f,%.12f\n", sat$n, sat$rate, ci[1], ci[2]))
cat(sprintf("delivery: n=%d median=%.12g\n", length(days), median_days))
cat(sprintf("kpi: index=%.12f components=%s\n", kpi,
            paste(names(values)[present], collapse = ",")))
