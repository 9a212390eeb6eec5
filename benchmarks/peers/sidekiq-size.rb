# What benchmarks/status-floor.py times for Sidekiq: the size of its process set (REDIS_URL).
require "sidekiq/api"
puts Sidekiq::ProcessSet.new.size
