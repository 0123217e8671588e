"""The benchmark script's modules: common, measure, workspace, stage, stages, runner, targets, report."""
