"""What templates and pages get: views, injected blocks, template partials."""
