"""What several processes need: settings, masking, SQL helpers, content files, model build."""
